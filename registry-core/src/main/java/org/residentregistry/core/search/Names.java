package org.residentregistry.core.search;

/** How a name's text divides: the surname, one space (half or full width), the given name. */
final class Names {

    private Names() {
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The surname and the given name, or the whole text as one part when it has no space. */
    static String[] split(String name) {
        String trimmed = name.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            if (isSpace(trimmed.charAt(i))) {
                return new String[] {trimmed.substring(0, i), trimmed.substring(i + 1)};
            }
        }
        return new String[] {trimmed};
    }

    /** The given name: what follows the first space, or nothing. */
    static String givenName(String name) {
        String[] parts = split(name);
        return parts.length == 1 ? "" : parts[1];
    }
}

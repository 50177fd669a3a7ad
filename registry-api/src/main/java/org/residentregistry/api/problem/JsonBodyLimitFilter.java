package org.residentregistry.api.problem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps JSON request bodies at {@code registry.http.max-json-body-size} (default 4 MB; a batch of 1000
 * notifications is well under 1 MB), so that an oversized request costs a 413 rather than the memory to
 * parse it. Bodies are counted as they are read, which also catches chunked requests that declare no
 * length. Other media (CSV extracts of a whole city) are left to the endpoints that read them.
 */
@Component
class JsonBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;

    JsonBodyLimitFilter(@Value("${registry.http.max-json-body-size:4MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(isJson(request) ? new LimitedRequest(request, limit) : request, response);
    }

    private static boolean isJson(HttpServletRequest request) {
        if (request.getContentType() == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(request.getContentType());
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false; // the message converters answer 415 for it
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit, getContentLengthLong() > limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final boolean declaredTooLarge;
        private long count;

        LimitedInputStream(ServletInputStream in, long limit, boolean declaredTooLarge) {
            this.in = in;
            this.limit = limit;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public int read() throws IOException {
            checkBeforeRead();
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkBeforeRead();
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void checkBeforeRead() {
            // A declared length over the limit fails before a byte is read.
            if (declaredTooLarge) {
                throw new RequestTooLargeException(limit);
            }
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

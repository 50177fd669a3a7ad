package org.residentregistry.api.security;

public record RegistryAccount(String id, Role role, String municipalityCode, String departmentId) {
}

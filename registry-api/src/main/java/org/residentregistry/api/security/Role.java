package org.residentregistry.api.security;

public enum Role { MUNICIPAL_CS, DEPARTMENT_OPERATOR, DISCLOSURE_OFFICER, AUDITOR, ADMINISTRATOR, OPERATIONS }

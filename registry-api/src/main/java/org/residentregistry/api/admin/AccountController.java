package org.residentregistry.api.admin;

import java.util.List;

import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.security.AccountTokenCache;
import org.residentregistry.api.security.AccountTokens;
import org.residentregistry.api.security.BootstrapAdministrator;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.api.security.Role;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.prefecture.Prefecture;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/admin/accounts} (role ADMINISTRATOR, enforced by the filter chain). Each account is one
 * person or one municipal server; its token is chosen by the administrator, stored only as a hash and
 * never shown again. Accounts are revoked, never deleted, and their ids are never reused.
 */
@RestController
@RequestMapping("/api/v1/admin/accounts")
class AccountController {

    /** The request as sent; see {@link AffairController.NewAffair}. */
    record NewAccount(String id, String role, String municipalityCode, String departmentId, String token) {

        /** Without the token: Spring logs request bodies at DEBUG. */
        @Override
        public String toString() {
            return "NewAccount[id=" + id + ", role=" + role + ", municipalityCode=" + municipalityCode
                    + ", departmentId=" + departmentId + "]";
        }
    }

    record Accounts(List<Account> accounts) {
    }

    private final AccountRepository accounts;
    private final DepartmentRepository departments;
    private final Prefecture prefecture;
    private final AccountTokenCache tokenCache;

    AccountController(AccountRepository accounts, DepartmentRepository departments, Prefecture prefecture,
                      AccountTokenCache tokenCache) {
        this.accounts = accounts;
        this.departments = departments;
        this.prefecture = prefecture;
        this.tokenCache = tokenCache;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Account create(@RequestBody NewAccount request, @AuthenticationPrincipal RegistryAccount administrator) {
        Account account = checked(request, administrator);
        if (BootstrapAdministrator.ACCOUNT_ID.equals(account.id())) {
            throw conflict("This account id is reserved for the bootstrap administrator.");
        }
        if (!accounts.add(account, AccountTokens.hash(request.token()))) {
            // Which account holds the token is not said: that would tell the caller another account's token.
            throw conflict(accounts.exists(account.id())
                    ? "An account with this id exists or existed; account ids are never reused."
                    : "This token is already in use; choose a new random token.");
        }
        return account;
    }

    /**
     * Revokes the account: from the next request on its token gets 401, on every node. The last active administrator
     * cannot be revoked, so that the registry always has someone to manage it.
     */
    @PostMapping("/{id}/revocation")
    @Transactional
    public Account revoke(@PathVariable String id, @AuthenticationPrincipal RegistryAccount administrator) {
        accounts.lockRevocations();
        Account account = accounts.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no account with this id."));
        if (account.revokedAt() != null) {
            throw conflict("This account is already revoked.");
        }
        if (account.role() == Role.ADMINISTRATOR && accounts.activeAdministrators() <= 1) {
            throw conflict("This is the last active administrator; create another administrator before revoking it.");
        }
        Account revoked = accounts.revoke(account, administrator.id(), Timestamps.now());
        // Answered once no node can still hold the token from an earlier lookup (AccountTokenCache).
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                tokenCache.awaitCachedLookupsExpired();
            }
        });
        return revoked;
    }

    @GetMapping
    Accounts list() {
        return new Accounts(accounts.findAll());
    }

    private Account checked(NewAccount request, RegistryAccount administrator) {
        FieldErrors errors = new FieldErrors();
        String id = Identifiers.require(errors, "id", request.id());
        Role role = errors.requireOneOf("role", request.role(), Role.class);
        String municipalityCode = null;
        String departmentId = null;
        if (role == Role.MUNICIPAL_CS) {
            municipalityCode = municipalityOfPrefecture(errors, request.municipalityCode());
        } else if (role != null) {
            errors.requireAbsent("municipalityCode", request.municipalityCode(), "is only for MUNICIPAL_CS accounts");
        }
        if (role == Role.DEPARTMENT_OPERATOR) {
            departmentId = registeredDepartment(errors, request.departmentId());
        } else if (role != null) {
            errors.requireAbsent("departmentId", request.departmentId(), "is only for DEPARTMENT_OPERATOR accounts");
        }
        if (errors.require("token", request.token()) != null) {
            AccountTokens.defect(request.token()).ifPresent(defect -> errors.add("token", defect.name(), defect.message()));
        }
        errors.throwIfAny();
        return new Account(id, role, municipalityCode, departmentId, Timestamps.now(), administrator.id(), null, null);
    }

    private String municipalityOfPrefecture(FieldErrors errors, String value) {
        MunicipalityCode code = errors.parse("municipalityCode", value, MunicipalityCode::of);
        if (code == null) {
            return null;
        }
        if (!prefecture.contains(code)) {
            errors.add("municipalityCode", FieldErrors.OUTSIDE_PREFECTURE, "is not a municipality of " + prefecture.name());
            return null;
        }
        return code.value();
    }

    private String registeredDepartment(FieldErrors errors, String value) {
        String id = Identifiers.require(errors, "departmentId", value);
        if (id != null && !departments.exists(id)) {
            errors.add("departmentId", FieldErrors.UNKNOWN, "is not the id of a registered department");
            return null;
        }
        return id;
    }

    private static ResponseStatusException conflict(String detail) {
        return new ResponseStatusException(HttpStatus.CONFLICT, detail);
    }
}

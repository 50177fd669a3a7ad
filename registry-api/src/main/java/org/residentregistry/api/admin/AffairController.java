package org.residentregistry.api.admin;

import java.util.List;

import org.residentregistry.api.problem.FieldErrors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/admin/affairs} (role ADMINISTRATOR, enforced by the filter chain). */
@RestController
@RequestMapping("/api/v1/admin/affairs")
class AffairController {

    static final int NAME_MAX_LENGTH = 200;
    static final int LEGAL_BASIS_MAX_LENGTH = 500;

    /** The request as sent; enums and flags as plain JSON values so that a 400 can name every bad field. */
    record NewAffair(String code, String name, String legalBasis, String kind, List<String> files,
                     Boolean individualNumberAllowed) {
    }

    record Affairs(List<Affair> affairs) {
    }

    private final AffairRepository affairs;

    AffairController(AffairRepository affairs) {
        this.affairs = affairs;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Affair create(@RequestBody NewAffair request) {
        Affair affair = checked(request);
        if (!affairs.add(affair)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "An affair with this code already exists.");
        }
        return affair;
    }

    @GetMapping
    Affairs list() {
        return new Affairs(affairs.findAll());
    }

    private static Affair checked(NewAffair request) {
        FieldErrors errors = new FieldErrors();
        String code = Identifiers.require(errors, "code", request.code());
        String name = errors.requireText("name", request.name(), NAME_MAX_LENGTH);
        String legalBasis = errors.requireText("legalBasis", request.legalBasis(), LEGAL_BASIS_MAX_LENGTH);
        Affair.Kind kind = errors.requireOneOf("kind", request.kind(), Affair.Kind.class);
        List<Affair.RegistryFile> files = errors.requireItems("files", request.files(),
                (field, file) -> errors.requireOneOf(field, file, Affair.RegistryFile.class));
        Boolean individualNumberAllowed = errors.require("individualNumberAllowed", request.individualNumberAllowed());
        errors.throwIfAny();
        return new Affair(code, name, legalBasis, kind, files, individualNumberAllowed, Timestamps.now());
    }
}

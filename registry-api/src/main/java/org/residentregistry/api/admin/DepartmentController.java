package org.residentregistry.api.admin;

import java.util.List;
import java.util.Set;

import org.residentregistry.api.problem.FieldErrors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/admin/departments} (role ADMINISTRATOR, enforced by the filter chain). */
@RestController
@RequestMapping("/api/v1/admin/departments")
class DepartmentController {

    static final int NAME_MAX_LENGTH = 200;

    /** The request as sent; see {@link AffairController.NewAffair}. */
    record NewDepartment(String id, String name, String kind, List<String> affairs) {
    }

    record Departments(List<Department> departments) {
    }

    private final DepartmentRepository departments;
    private final AffairRepository affairs;

    DepartmentController(DepartmentRepository departments, AffairRepository affairs) {
        this.departments = departments;
        this.affairs = affairs;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Department create(@RequestBody NewDepartment request) {
        Department department = checked(request);
        if (!departments.add(department)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A department with this id already exists.");
        }
        return department;
    }

    @GetMapping
    Departments list() {
        return new Departments(departments.findAll());
    }

    private Department checked(NewDepartment request) {
        FieldErrors errors = new FieldErrors();
        String id = Identifiers.require(errors, "id", request.id());
        String name = errors.requireText("name", request.name(), NAME_MAX_LENGTH);
        Department.Kind kind = errors.requireOneOf("kind", request.kind(), Department.Kind.class);
        Set<String> registered = request.affairs() == null ? Set.of() : affairs.registeredCodes(request.affairs());
        List<String> affairCodes = errors.requireItems("affairs", request.affairs(), (field, value) -> {
            String code = Identifiers.require(errors, field, value);
            if (code != null && !registered.contains(code)) {
                errors.add(field, FieldErrors.UNKNOWN, "is not the code of a registered affair");
                return null;
            }
            return code;
        });
        errors.throwIfAny();
        return new Department(id, name, kind, affairCodes, Timestamps.now());
    }
}

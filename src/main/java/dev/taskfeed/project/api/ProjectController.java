package dev.taskfeed.project.api;

import java.net.URI;
import java.util.List;

import dev.taskfeed.common.TextLength;
import dev.taskfeed.project.MemberView;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.project.ProjectView;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/projects")
@Tag(name = "Projects",
		description = "Shared task lists. Members see a project, its tasks, categories and "
				+ "members; anyone else gets 404. VIEWER reads, EDITOR also writes tasks and categories, OWNER also "
				+ "renames, deletes and manages members; acting beyond one's role is 403.")
class ProjectController {

	private static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

	private final ProjectService projects;

	ProjectController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping
	@Operation(summary = "The caller's projects: the personal one first, then by name")
	List<ProjectView> list(@AuthenticationPrincipal TaskFeedPrincipal me) {
		return this.projects.list(me.id());
	}

	@PostMapping
	@Operation(summary = "Create a shared project", description = "The caller becomes its owner.")
	ResponseEntity<ProjectView> create(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Valid @RequestBody ProjectRequest request) {
		ProjectView project = this.projects.create(me.id(), request.name());
		return ResponseEntity.created(URI.create("/api/projects/" + project.id())).body(project);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One project, with the caller's role")
	ProjectView get(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		return this.projects.get(me.id(), id);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Rename a project (owners)", description = "A personal project keeps its name (409).")
	ProjectView rename(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @RequestBody ProjectRequest request) {
		return this.projects.rename(me.id(), id, request.name());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a project (owners)",
			description = "Refused (409) while it has live tasks: move or trash them first. Its trash and its "
					+ "categories are deleted with it. A personal project cannot be deleted (409).")
	ResponseEntity<Void> delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		this.projects.delete(me.id(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/members")
	@Operation(summary = "The project's members: owners, editors, viewers")
	List<MemberView> members(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		return this.projects.members(me.id(), id);
	}

	@PostMapping("/{id}/members")
	@Operation(summary = "Add a member by the email of their account (owners)",
			description = "An address without an account is 400; a member already there is 409.")
	ResponseEntity<MemberView> addMember(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @RequestBody NewMemberRequest request) {
		MemberView member = this.projects.addMember(me.id(), id, request.email(), request.role());
		return ResponseEntity.created(URI.create("/api/projects/" + id + "/members/" + member.user().id()))
			.body(member);
	}

	@PatchMapping("/{id}/members/{userId}")
	@Operation(summary = "Change a member's role (owners)", description = "The last owner stays an owner (409).")
	MemberView changeRole(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@PathVariable long userId, @Valid @RequestBody RoleRequest request) {
		return this.projects.changeRole(me.id(), id, userId, request.role());
	}

	@DeleteMapping("/{id}/members/{userId}")
	@Operation(summary = "Remove a member (owners), or leave (anyone, with their own id)",
			description = "The last owner cannot leave (409); nobody leaves their personal project (409). "
					+ "Tasks assigned to the member in this project lose their assignee.")
	ResponseEntity<Void> removeMember(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@PathVariable long userId) {
		this.projects.removeMember(me.id(), id, userId);
		return ResponseEntity.noContent().build();
	}

	record ProjectRequest(@NotNull @TextLength(min = 1, max = 80) @Pattern(regexp = NOT_BLANK,
			message = "must not be blank") String name) {
	}

	record NewMemberRequest(@NotBlank @Email @TextLength(min = 1, max = 254) String email, @NotNull ProjectRole role) {
	}

	record RoleRequest(@NotNull ProjectRole role) {
	}

}

package dev.taskfeed.project.web;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.TextLength;
import dev.taskfeed.project.MemberView;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.project.ProjectView;
import dev.taskfeed.user.TaskFeedPrincipal;
import dev.taskfeed.web.Flash;
import dev.taskfeed.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The projects page (mine, with my role; create one) and each project's page: its
 * members, managed by its owners (add by email with a role, change a role, remove),
 * read-only for everyone else; rename and delete for owners; leave for any member of a
 * shared project. A refusal a member can act on (the last owner leaving, a role beyond
 * theirs) comes back as a message on the project's page with its status, 409 or 403.
 */
@PageController
class ProjectPages {

	private final ProjectService projects;

	ProjectPages(ProjectService projects) {
		this.projects = projects;
	}

	@ModelAttribute("roles")
	ProjectRole[] roles() {
		return ProjectRole.values();
	}

	@GetMapping("/projects")
	String list(@AuthenticationPrincipal TaskFeedPrincipal me, Model model) {
		model.addAttribute("form", new ProjectForm(null));
		return showList(me, model);
	}

	@PostMapping("/projects")
	String create(@AuthenticationPrincipal TaskFeedPrincipal me, @Valid @ModelAttribute("form") ProjectForm form,
			BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return showList(me, model);
		}
		ProjectView project = this.projects.create(me.id(), form.name());
		Flash.add(redirect, "flash.projectCreated", project.name());
		return redirectTo(project.id());
	}

	@GetMapping("/projects/{id}")
	String show(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model) {
		return showProject(me, id, model);
	}

	@PostMapping("/projects/{id}/members")
	String addMember(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @ModelAttribute("memberForm") MemberForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		int status = HttpServletResponse.SC_BAD_REQUEST;
		if (!errors.hasErrors()) {
			try {
				MemberView added = this.projects.addMember(me.id(), id, form.email(), form.role());
				Flash.add(redirect, "flash.memberAdded", added.user().displayName());
				return redirectTo(id);
			}
			catch (DomainException.InvalidField ex) {
				errors.rejectValue("email", "project.noSuchAccount");
			}
			catch (DomainException.Conflict ex) {
				status = HttpServletResponse.SC_CONFLICT;
				errors.rejectValue("email", conflict(me, id, "project.alreadyMember", "project.personalPrivate"));
			}
			catch (DomainException.Forbidden ex) {
				return refused(me, id, HttpServletResponse.SC_FORBIDDEN, "project.ownersOnly", model, response);
			}
		}
		response.setStatus(status);
		return showProject(me, id, model);
	}

	@PostMapping("/projects/{id}/members/{userId}/role")
	String changeRole(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, @PathVariable long userId,
			@RequestParam ProjectRole role, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			MemberView member = this.projects.changeRole(me.id(), id, userId, role);
			Flash.add(redirect, "flash.roleChanged." + role, member.user().displayName());
			return redirectTo(id);
		}
		catch (DomainException.Conflict ex) {
			return refused(me, id, HttpServletResponse.SC_CONFLICT,
					conflict(me, id, "project.lastOwner", "project.personalPrivate"), model, response);
		}
		catch (DomainException.Forbidden ex) {
			return refused(me, id, HttpServletResponse.SC_FORBIDDEN, "project.ownersOnly", model, response);
		}
	}

	/** Removes a member; removing oneself is leaving. */
	@PostMapping("/projects/{id}/members/{userId}/remove")
	String removeMember(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, @PathVariable long userId,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (userId == me.id()) {
			return leave(me, id, model, response, redirect);
		}
		MemberView member = this.projects.members(me.id(), id)
			.stream()
			.filter((candidate) -> candidate.user().id() == userId)
			.findFirst()
			.orElseThrow(() -> DomainException.notFound("member", userId));
		try {
			this.projects.removeMember(me.id(), id, userId);
			Flash.add(redirect, "flash.memberRemoved", member.user().displayName());
			return redirectTo(id);
		}
		catch (DomainException.Conflict ex) {
			return refused(me, id, HttpServletResponse.SC_CONFLICT,
					conflict(me, id, "project.lastOwner", "project.personalPrivate"), model, response);
		}
		catch (DomainException.Forbidden ex) {
			return refused(me, id, HttpServletResponse.SC_FORBIDDEN, "project.ownersOnly", model, response);
		}
	}

	@PostMapping("/projects/{id}/leave")
	String leave(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		ProjectView project = this.projects.get(me.id(), id);
		try {
			this.projects.removeMember(me.id(), id, me.id());
			Flash.add(redirect, "flash.projectLeft", project.name());
			return "redirect:/projects";
		}
		catch (DomainException.Conflict ex) {
			return refused(me, id, HttpServletResponse.SC_CONFLICT,
					conflict(me, id, "project.lastOwner", "project.personalPrivate"), model, response);
		}
	}

	@PostMapping("/projects/{id}/rename")
	String rename(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @ModelAttribute("renameForm") ProjectForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return showProject(me, id, model);
		}
		try {
			ProjectView project = this.projects.rename(me.id(), id, form.name());
			Flash.add(redirect, "flash.projectRenamed", project.name());
			return redirectTo(id);
		}
		catch (DomainException.Conflict ex) {
			// only a personal project keeps its name
			return refused(me, id, HttpServletResponse.SC_CONFLICT, "project.personalFixed", model, response);
		}
		catch (DomainException.Forbidden ex) {
			return refused(me, id, HttpServletResponse.SC_FORBIDDEN, "project.ownersOnly", model, response);
		}
	}

	@PostMapping("/projects/{id}/delete")
	String delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		ProjectView project = this.projects.get(me.id(), id);
		try {
			this.projects.delete(me.id(), id);
			Flash.add(redirect, "flash.projectDeleted", project.name());
			return "redirect:/projects";
		}
		catch (DomainException.Conflict ex) {
			return refused(me, id, HttpServletResponse.SC_CONFLICT,
					conflict(me, id, "project.hasLiveTasks", "project.personalFixed"), model, response);
		}
		catch (DomainException.Forbidden ex) {
			return refused(me, id, HttpServletResponse.SC_FORBIDDEN, "project.ownersOnly", model, response);
		}
	}

	private String showList(TaskFeedPrincipal me, Model model) {
		model.addAttribute("projects", this.projects.list(me.id()));
		return "projects/list";
	}

	private String showProject(TaskFeedPrincipal me, long id, Model model) {
		ProjectView project = this.projects.get(me.id(), id);
		model.addAttribute("project", project);
		model.addAttribute("members", this.projects.members(me.id(), id));
		model.addAttribute("isOwner", project.role() == ProjectRole.OWNER);
		model.addAttribute("chosenProject", id);
		if (!model.containsAttribute("memberForm")) {
			model.addAttribute("memberForm", MemberForm.empty());
		}
		if (!model.containsAttribute("renameForm")) {
			model.addAttribute("renameForm", new ProjectForm(project.name()));
		}
		return "projects/detail";
	}

	/** The project's page again, saying why the action was refused. */
	private String refused(TaskFeedPrincipal me, long id, int status, String messageKey, Model model,
			HttpServletResponse response) {
		response.setStatus(status);
		model.addAttribute("refusal", messageKey);
		return showProject(me, id, model);
	}

	/**
	 * What a conflict means: the service refuses a personal project for a reason of its
	 * own, any other project for the one the action names.
	 */
	private String conflict(TaskFeedPrincipal me, long id, String shared, String personal) {
		return this.projects.get(me.id(), id).personal() ? personal : shared;
	}

	private static String redirectTo(long projectId) {
		return "redirect:/projects/" + projectId;
	}

	/** A project's name, for creating or renaming it. */
	public record ProjectForm(@NotBlank @TextLength(min = 1, max = 80) String name) {
	}

	/**
	 * A member to add: the email of their account, and their role (editor unless said).
	 */
	public record MemberForm(@NotBlank @Email @TextLength(min = 1, max = 254) String email, @NotNull ProjectRole role) {

		static MemberForm empty() {
			return new MemberForm(null, ProjectRole.EDITOR);
		}

	}

}

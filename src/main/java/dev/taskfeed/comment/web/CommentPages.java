package dev.taskfeed.comment.web;

import dev.taskfeed.comment.CommentService;
import dev.taskfeed.comment.CommentView;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.project.ProjectView;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.task.TaskView;
import dev.taskfeed.user.TaskFeedPrincipal;
import dev.taskfeed.web.Flash;
import dev.taskfeed.web.FormRedraw;
import dev.taskfeed.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A task's page: the task, and its conversation below it, oldest first, a page of
 * {@value #PAGE_SIZE} at a time, opening on the newest page ({@code ?page=N} shows older
 * ones). Any member comments (viewers too); an author edits their own comment in place
 * ({@code ?edit=ID} draws its form) and deletes it, a project owner deletes any. Every
 * action is a form POST that redirects back to the comment, so it all works without
 * JavaScript; {@code task-detail.js} adds the live feed, typing and in-place editing.
 */
@PageController
class CommentPages {

	static final int PAGE_SIZE = 30;

	private final TaskService tasks;

	private final ProjectService projects;

	private final CommentService comments;

	CommentPages(TaskService tasks, ProjectService projects, CommentService comments) {
		this.tasks = tasks;
		this.projects = projects;
		this.comments = comments;
	}

	@GetMapping("/tasks/{id}")
	String detail(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Long edit, Model model) {
		return showTask(me, id, page, edit, model);
	}

	@PostMapping("/tasks/{id}/comments")
	String add(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @ModelAttribute("commentForm") CommentForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			// a field that did not convert leaves the model without the form
			FormRedraw.replace(model, "commentForm", form);
			return showTask(me, id, null, null, model);
		}
		CommentView comment = this.comments.add(me.id(), id, form.body());
		Flash.add(redirect, "flash.commentAdded", null);
		return "redirect:" + link(id, null, comment.id());
	}

	@PostMapping("/tasks/{taskId}/comments/{id}/edit")
	String edit(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long taskId, @PathVariable long id,
			@Valid @ModelAttribute("editForm") CommentForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		boolean stale = false;
		CommentForm shown = form;
		if (form.version() == null) {
			// missing or not a number: saving could overwrite a change it never saw
			errors.reject("comment.versionMissing");
		}
		if (!errors.hasErrors()) {
			try {
				CommentView comment = this.comments.edit(me.id(), id, form.body(), form.ifMatch());
				Flash.add(redirect, "flash.commentSaved", null);
				return "redirect:" + link(comment.taskId(), form.page(), id);
			}
			catch (DomainException.StaleVersion ex) {
				stale = true;
				errors.reject("comment.changedMeanwhile");
				// what was typed stays, over the version shown now:
				// saving again overwrites the newer one
				shown = form.withVersion(null);
			}
		}
		response.setStatus(stale ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
		FormRedraw.replace(model, "editForm", shown);
		return showTask(me, taskId, form.page(), id, model);
	}

	@PostMapping("/tasks/{taskId}/comments/{id}/delete")
	String delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long taskId, @PathVariable long id,
			@RequestParam(required = false) Integer page, RedirectAttributes redirect) {
		this.comments.delete(me.id(), id, null);
		Flash.add(redirect, "flash.commentDeleted", null);
		return "redirect:" + link(taskId, page, null);
	}

	/**
	 * The task and one page of its conversation; {@code page} null (or past the end) is
	 * the newest. {@code editing} is the comment whose edit form is drawn, if it is the
	 * caller's and on this page.
	 */
	private String showTask(TaskFeedPrincipal me, long id, Integer page, Long editing, Model model) {
		TaskView task = this.tasks.get(me.id(), id);
		ProjectView project = this.projects.get(me.id(), task.project().id());
		Page<CommentView> conversation = conversation(me, id, page);
		boolean newest = conversation.getNumber() >= conversation.getTotalPages() - 1;
		model.addAttribute("task", task);
		model.addAttribute("project", project);
		model.addAttribute("canEdit", project.role().allows(ProjectRole.EDITOR));
		model.addAttribute("comments", new PagedModel<>(conversation));
		model.addAttribute("newestPage", newest);
		// the newest page has no number in its links:
		// it stays the newest as comments arrive
		model.addAttribute("pageParam", newest ? null : conversation.getNumber());
		model.addAttribute("canDeleteAny", project.role() == ProjectRole.OWNER);
		if (!model.containsAttribute("commentForm")) {
			model.addAttribute("commentForm", CommentForm.empty());
		}
		conversation.stream()
			.filter((comment) -> comment.id().equals(editing) && comment.author().id() == me.id())
			.findFirst()
			.ifPresent((comment) -> {
				model.addAttribute("editing", comment.id());
				CommentForm form = (CommentForm) model.getAttribute("editForm");
				if (form == null) {
					model.addAttribute("editForm",
							CommentForm.editing(comment.body(), comment.version(), newest ? null : page));
				}
				else if (form.version() == null) {
					FormRedraw.replace(model, "editForm", form.withVersion(comment.version()));
				}
			});
		return "tasks/detail";
	}

	private Page<CommentView> conversation(TaskFeedPrincipal me, long taskId, Integer page) {
		int asked = (page != null) ? Math.max(0, page) : 0;
		Page<CommentView> shown = this.comments.list(me.id(), taskId, asked, PAGE_SIZE);
		int newest = Math.max(0, shown.getTotalPages() - 1);
		if ((page == null || asked > newest) && shown.getNumber() != newest) {
			shown = this.comments.list(me.id(), taskId, newest, PAGE_SIZE);
		}
		return shown;
	}

	private static String link(long taskId, Integer page, Long commentId) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/tasks/{id}");
		if (page != null) {
			link.queryParam("page", page);
		}
		if (commentId != null) {
			link.fragment("comment-" + commentId);
		}
		return link.buildAndExpand(taskId).toUriString();
	}

}

package dev.taskfeed.category.web;

import java.util.List;

import dev.taskfeed.category.CategoryService;
import dev.taskfeed.category.CategoryView;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.TextLength;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.project.ProjectView;
import dev.taskfeed.user.TaskFeedPrincipal;
import dev.taskfeed.web.Flash;
import dev.taskfeed.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

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
 * Categories of one project ({@code ?project=ID}; none: the caller's personal project):
 * the list with a create form, rename and recolour, delete (tasks keep living). A viewer
 * of the project sees them without the forms.
 */
@PageController
class CategoryPages {

	private final CategoryService categories;

	private final ProjectService projects;

	CategoryPages(CategoryService categories, ProjectService projects) {
		this.categories = categories;
		this.projects = projects;
	}

	@GetMapping("/categories")
	String list(@AuthenticationPrincipal TaskFeedPrincipal me, @RequestParam(required = false) Long project,
			Model model) {
		model.addAttribute("form", CategoryForm.empty());
		return showList(me, project, model);
	}

	@PostMapping("/categories")
	String create(@AuthenticationPrincipal TaskFeedPrincipal me, @RequestParam(required = false) Long project,
			@Valid @ModelAttribute("form") CategoryForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				CategoryView category = this.categories.create(me.id(), project, form.name(), form.color());
				Flash.add(redirect, "flash.categoryCreated", category.name());
				return "redirect:/categories" + ((project != null) ? "?project=" + project : "");
			}
			catch (DomainException.Conflict ex) {
				errors.rejectValue("name", "category.nameTaken");
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return showList(me, project, model);
	}

	@GetMapping("/categories/{id}/edit")
	String editForm(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model) {
		CategoryView category = this.categories.get(me.id(), id);
		this.projects.require(me.id(), category.projectId(), ProjectRole.EDITOR);
		CategoryForm form = new CategoryForm(category.name(), category.color());
		model.addAttribute("category", category);
		model.addAttribute("chosenProject", category.projectId());
		model.addAttribute("form", form);
		return "categories/edit";
	}

	@PostMapping("/categories/{id}/edit")
	String edit(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @ModelAttribute("form") CategoryForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				CategoryView saved = this.categories.update(me.id(), id, form.name(), form.color());
				Flash.add(redirect, "flash.categorySaved", saved.name());
				return "redirect:" + listLink(me, saved.projectId());
			}
			catch (DomainException.Conflict ex) {
				errors.rejectValue("name", "category.nameTaken");
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		CategoryView category = this.categories.get(me.id(), id);
		model.addAttribute("category", category);
		model.addAttribute("chosenProject", category.projectId());
		return "categories/edit";
	}

	@PostMapping("/categories/{id}/delete")
	String delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		CategoryView category = this.categories.delete(me.id(), id);
		Flash.add(redirect, "flash.categoryDeleted", category.name());
		return "redirect:" + listLink(me, category.projectId());
	}

	/**
	 * The list of a project's categories: the personal project's is plain /categories.
	 */
	private String listLink(TaskFeedPrincipal me, long projectId) {
		return (projectId == this.projects.personalProjectId(me.id())) ? "/categories"
				: "/categories?project=" + projectId;
	}

	private String showList(TaskFeedPrincipal me, Long projectId, Model model) {
		List<ProjectView> mine = this.projects.list(me.id());
		ProjectView chosen = mine.stream()
			.filter((project) -> (projectId != null) ? project.id().equals(projectId) : project.personal())
			.findFirst()
			.orElseThrow(() -> DomainException.notFound("project", projectId));
		model.addAttribute("categories", this.categories.list(me.id(), chosen.id()));
		model.addAttribute("projects", mine);
		model.addAttribute("chosen", chosen);
		// the other pages' links follow a project named in the address only
		model.addAttribute("chosenProject", projectId);
		model.addAttribute("canEdit", chosen.role().allows(ProjectRole.EDITOR));
		return "categories/list";
	}

	/**
	 * The category form: a record binds like any form object (Spring binds through its
	 * constructor); a new form starts with the default colour.
	 */
	public record CategoryForm(@NotBlank @TextLength(min = 1, max = 50) String name,
			@NotNull @Pattern(regexp = "#[0-9a-fA-F]{6}") String color) {

		static CategoryForm empty() {
			return new CategoryForm(null, CategoryService.DEFAULT_COLOR);
		}

	}

}

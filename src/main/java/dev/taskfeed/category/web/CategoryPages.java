package dev.taskfeed.category.web;

import dev.taskfeed.web.PageController;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.web.Flash;
import dev.taskfeed.category.CategoryService;
import dev.taskfeed.category.CategoryView;
import dev.taskfeed.user.TaskFeedPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Categories: the list with a create form, rename and recolour, delete (tasks keep
 * living).
 */
@PageController
class CategoryPages {

	private final CategoryService categories;

	CategoryPages(CategoryService categories) {
		this.categories = categories;
	}

	@GetMapping("/categories")
	String list(@AuthenticationPrincipal TaskFeedPrincipal me, Model model) {
		model.addAttribute("form", CategoryForm.empty());
		return showList(me, model);
	}

	@PostMapping("/categories")
	String create(@AuthenticationPrincipal TaskFeedPrincipal me, @Valid @ModelAttribute("form") CategoryForm form,
			BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				CategoryView category = this.categories.create(me.id(), null, form.name(), form.color());
				Flash.add(redirect, "flash.categoryCreated", category.name());
				return "redirect:/categories";
			}
			catch (DomainException.Conflict ex) {
				errors.rejectValue("name", "category.nameTaken");
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return showList(me, model);
	}

	@GetMapping("/categories/{id}/edit")
	String editForm(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model) {
		CategoryView category = this.categories.get(me.id(), id);
		CategoryForm form = new CategoryForm(category.name(), category.color());
		model.addAttribute("category", category);
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
				return "redirect:/categories";
			}
			catch (DomainException.Conflict ex) {
				errors.rejectValue("name", "category.nameTaken");
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("category", this.categories.get(me.id(), id));
		return "categories/edit";
	}

	@PostMapping("/categories/{id}/delete")
	String delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		CategoryView category = this.categories.delete(me.id(), id);
		Flash.add(redirect, "flash.categoryDeleted", category.name());
		return "redirect:/categories";
	}

	private String showList(TaskFeedPrincipal me, Model model) {
		model.addAttribute("categories", this.categories.list(me.id(), null));
		return "categories/list";
	}

	/**
	 * The category form: a record binds like any form object (Spring binds through its
	 * constructor); a new form starts with the default colour.
	 */
	public record CategoryForm(@NotBlank @Size(max = 50) String name,
			@NotNull @Pattern(regexp = "#[0-9a-fA-F]{6}") String color) {

		static CategoryForm empty() {
			return new CategoryForm(null, CategoryService.DEFAULT_COLOR);
		}

	}

}

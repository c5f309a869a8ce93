package dev.taskfeed.category.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.taskfeed.category.CategoryService;
import dev.taskfeed.category.CategoryView;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.TextLength;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/categories")
@Tag(name = "Categories", description = "Each project's categories; names are unique per project, ignoring case")
class CategoryController {

	private static final String COLOR = "^#[0-9a-fA-F]{6}$";

	private static final String COLOR_MESSAGE = "must be a colour like #1e90ff";

	private final CategoryService categories;

	CategoryController(CategoryService categories) {
		this.categories = categories;
	}

	@GetMapping
	@Operation(summary = "A project's categories, by name",
			description = "Without `projectId`, the caller's personal project's.")
	List<CategoryView> list(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Parameter(example = "1") @RequestParam(required = false) Long projectId) {
		return this.categories.list(me.id(), projectId);
	}

	@PostMapping
	@Operation(summary = "Create a category",
			description = "Without `color`, it is " + CategoryService.DEFAULT_COLOR + "; without `projectId`, it "
					+ "goes into the caller's personal project. Needs the EDITOR role in the project.")
	ResponseEntity<CategoryView> create(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Valid @RequestBody CreateCategoryRequest request) {
		CategoryView category = this.categories.create(me.id(), request.projectId(), request.name(), request.color());
		return ResponseEntity.created(URI.create("/api/categories/" + category.id())).body(category);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One category")
	CategoryView get(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		return this.categories.get(me.id(), id);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Rename or recolour a category",
			description = "Fields left out stay as they are; neither may be null (400).")
	CategoryView update(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @RequestBody UpdateCategoryRequest request) {
		request.requireNoNull();
		return this.categories.update(me.id(), id, request.getName(), request.getColor());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a category", description = "Its links to tasks go; the tasks stay.")
	ResponseEntity<Void> delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		this.categories.delete(me.id(), id);
		return ResponseEntity.noContent().build();
	}

	record CreateCategoryRequest(@NotBlank @TextLength(min = 1, max = 50) String name, Long projectId,
			@Pattern(regexp = COLOR, message = COLOR_MESSAGE) String color) {
	}

	/**
	 * A merge-patch: a field left out stays as it is; neither can be cleared, so one sent
	 * as null is a 400 naming it.
	 */
	static final class UpdateCategoryRequest {

		@TextLength(min = 1, max = 50)
		@Pattern(regexp = ".*\\S.*", message = "must not be blank")
		private String name;

		@Pattern(regexp = COLOR, message = COLOR_MESSAGE)
		private String color;

		private final List<String> sentAsNull = new ArrayList<>();

		public void setName(String name) {
			this.name = name;
			sentNull("name", name);
		}

		public void setColor(String color) {
			this.color = color;
			sentNull("color", color);
		}

		public String getName() {
			return this.name;
		}

		public String getColor() {
			return this.color;
		}

		private void sentNull(String field, String value) {
			if (value == null) {
				this.sentAsNull.add(field);
			}
		}

		UpdateCategoryRequest requireNoNull() {
			if (!this.sentAsNull.isEmpty()) {
				throw DomainException.invalidField(this.sentAsNull.get(0), "must not be null");
			}
			return this;
		}

	}

}

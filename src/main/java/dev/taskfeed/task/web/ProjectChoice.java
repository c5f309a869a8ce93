package dev.taskfeed.task.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectView;

import org.springframework.ui.Model;

/**
 * The caller's projects (one statement) and the one a page is narrowed to by its
 * {@code ?project=} (null: all of them). A project the caller is not in is absent (404),
 * as everywhere else.
 */
record ProjectChoice(List<ProjectView> mine, ProjectView chosen) {

	static ProjectChoice of(List<ProjectView> mine, Long projectId) {
		if (projectId == null) {
			return new ProjectChoice(mine, null);
		}
		ProjectView chosen = mine.stream()
			.filter((project) -> project.id().equals(projectId))
			.findFirst()
			.orElseThrow(() -> DomainException.notFound("project", projectId));
		return new ProjectChoice(mine, chosen);
	}

	Long chosenId() {
		return (this.chosen != null) ? this.chosen.id() : null;
	}

	/** The projects where the caller may add and change tasks. */
	List<ProjectView> editable() {
		return this.mine.stream().filter((project) -> project.role().allows(ProjectRole.EDITOR)).toList();
	}

	boolean canAddTasks() {
		return this.chosen == null || this.chosen.role().allows(ProjectRole.EDITOR);
	}

	/**
	 * Where the new-task form puts a task unless told otherwise: the chosen project if
	 * the caller may write there, else their personal one.
	 */
	long projectForNewTasks() {
		if (this.chosen != null && this.chosen.role().allows(ProjectRole.EDITOR)) {
			return this.chosen.id();
		}
		return this.mine.stream()
			.filter(ProjectView::personal)
			.findFirst()
			.map(ProjectView::id)
			.orElseThrow(() -> DomainException.notFound("personal project", "of the caller"));
	}

	/**
	 * What the switcher, the task rows and the layout's links read: {@code projects},
	 * {@code chosen}, {@code chosenProject} (its id), {@code projectsById} and
	 * {@code editableIds}.
	 */
	void addTo(Model model) {
		Map<Long, ProjectView> byId = new LinkedHashMap<>();
		this.mine.forEach((project) -> byId.put(project.id(), project));
		Set<Long> editableIds = editable().stream().map(ProjectView::id).collect(Collectors.toSet());
		model.addAttribute("projects", this.mine);
		model.addAttribute("chosen", this.chosen);
		model.addAttribute("chosenProject", chosenId());
		model.addAttribute("projectsById", byId);
		model.addAttribute("editableIds", editableIds);
	}

}

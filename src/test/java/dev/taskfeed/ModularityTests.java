package dev.taskfeed;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layout is the architecture: every direct sub-package of
 * {@code dev.taskfeed} is a module, a module uses only the top-level package (not the
 * sub-packages) of another, and no two modules depend on each other both ways. A future
 * arrow the wrong way fails the build here.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(TaskFeedApplication.class);

	@Test
	void modulesDependOnEachOtherOneWayAndOnlyThroughTheirTopLevelPackage() {
		modules.verify();
	}

	@Test
	void nothingDependsOnTheLiveFeedAndTheTasksDoNotKnowIt() {
		var feed = modules.getModuleByName("feed").orElseThrow();
		modules.forEach((module) -> assertThat(module.getDirectDependencies(modules).contains(feed))
			.as("%s depends on the feed", module.getIdentifier())
			.isFalse());
		var task = modules.getModuleByName("task").orElseThrow();
		assertThat(feed.getDirectDependencies(modules).contains(task)).as("the feed uses the tasks").isTrue();
	}

}

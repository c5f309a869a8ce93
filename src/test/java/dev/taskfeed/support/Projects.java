package dev.taskfeed.support;

import static dev.taskfeed.support.Api.body;

/** Shared projects made through the API, for tests. */
public final class Projects {

	private Projects() {
	}

	/**
	 * A new project of {@code owner}'s with these members, as pairs of user and role:
	 * {@code share(ana, "Familia", bob, "EDITOR", carol, "VIEWER")}.
	 */
	public static long share(Api.User owner, String name, Object... membersAndRoles) {
		long project = owner.post("/api/projects", body("name", name)).expect(201).json().get("id").asLong();
		for (int i = 0; i < membersAndRoles.length; i += 2) {
			Api.User member = (Api.User) membersAndRoles[i];
			owner
				.post("/api/projects/" + project + "/members",
						body("email", member.email(), "role", membersAndRoles[i + 1]))
				.expect(201);
		}
		return project;
	}

}

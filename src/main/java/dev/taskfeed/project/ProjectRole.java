package dev.taskfeed.project;

/**
 * What a member may do in a project, each role including the ones before it: a viewer
 * reads; an editor also writes tasks and categories; an owner also renames or deletes the
 * project and manages its members.
 */
public enum ProjectRole {

	VIEWER, EDITOR, OWNER;

	public boolean allows(ProjectRole needed) {
		return compareTo(needed) >= 0;
	}

}

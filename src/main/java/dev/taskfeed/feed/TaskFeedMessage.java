package dev.taskfeed.feed;

import dev.taskfeed.comment.CommentView;
import dev.taskfeed.project.ProjectView;
import dev.taskfeed.task.TaskView;

/** What a subscriber of {@code /user/queue/tasks} receives. */
sealed interface TaskFeedMessage {

	/** {@code created}, {@code updated}, {@code deleted} or {@code restored}. */
	record Changed(String type, TaskView task, TaskView.Person actor) implements TaskFeedMessage {
	}

	/** The task moved to a project the recipient is not a member of. */
	record Removed(String type, long taskId, TaskView.Person actor) implements TaskFeedMessage {

		Removed(long taskId, TaskView.Person actor) {
			this("removed", taskId, actor);
		}

	}

	/** {@code comment-added}, {@code comment-edited} or {@code comment-deleted}. */
	record Comment(String type, long taskId, CommentView comment, CommentView.Author actor) implements TaskFeedMessage {
	}

	/** Someone is typing a comment on a task. */
	record Typing(String type, long taskId, CommentView.Author user) implements TaskFeedMessage {

		Typing(long taskId, CommentView.Author user) {
			this("typing", taskId, user);
		}

	}

	/** {@code project-joined}, {@code project-left} or {@code project-updated}. */
	record Project(String type, ProjectView project) implements TaskFeedMessage {
	}

}

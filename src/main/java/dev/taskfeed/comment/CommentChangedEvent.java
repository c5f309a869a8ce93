package dev.taskfeed.comment;

/**
 * A comment was added, edited or deleted; published inside the transaction, delivered to
 * the task's project's members only once it commits.
 *
 * @param type {@code comment-added}, {@code comment-edited} or {@code comment-deleted}
 * @param projectId the project of the comment's task
 * @param comment the comment as it is now (as it was, when deleted)
 * @param actor who made the change
 */
public record CommentChangedEvent(String type, long projectId, CommentView comment, CommentView.Author actor) {
}

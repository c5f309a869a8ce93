package dev.taskfeed.comment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A comment as the API and the feed show it. */
public record CommentView(Long id, Long taskId, String body, Author author, Instant createdAt, Instant editedAt,
		long version) {

	static CommentView of(Comment comment) {
		return new CommentView(comment.getId(), comment.getTaskId(), comment.getBody(),
				new Author(comment.getAuthor().getId(), comment.getAuthor().getDisplayName()), comment.getCreatedAt(),
				comment.getEditedAt(), comment.getVersion());
	}

	/** The quoted version, as sent in {@code ETag} and expected in {@code If-Match}. */
	@JsonIgnore
	public String etag() {
		return "\"" + this.version + "\"";
	}

	public record Author(Long id, String displayName) {
	}

}

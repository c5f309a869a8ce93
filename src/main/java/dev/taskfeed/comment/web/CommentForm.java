package dev.taskfeed.comment.web;

import dev.taskfeed.common.TextLength;
import jakarta.validation.constraints.NotBlank;

/**
 * A comment as typed in the add or edit form. Browsers send a textarea's line breaks as
 * CR LF; they are kept as LF, as the page's own length check (and the API's clients)
 * count them, so a comment that fits the field fits the limit.
 *
 * @param version the version the edit form was drawn from; a save over a newer one is
 * refused
 * @param page the page of the conversation the form was on, to return to
 */
public record CommentForm(@NotBlank @TextLength(min = 1, max = CommentForm.MAX_LENGTH) String body, Long version,
		Integer page) {

	static final int MAX_LENGTH = 4000;

	public CommentForm {
		body = (body != null) ? body.replace("\r\n", "\n").replace('\r', '\n') : null;
	}

	static CommentForm empty() {
		return new CommentForm(null, null, null);
	}

	static CommentForm editing(String body, long version, Integer page) {
		return new CommentForm(body, version, page);
	}

	CommentForm withVersion(Long version) {
		return new CommentForm(this.body, version, this.page);
	}

	String ifMatch() {
		return (this.version != null) ? "\"" + this.version + "\"" : null;
	}

}

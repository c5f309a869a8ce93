package dev.taskfeed.comment.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A comment as typed in the add or edit form. Browsers send a textarea's line breaks as
 * CR LF; they are kept as LF, as the page's own length check (and the API's clients)
 * count them, so a comment that fits the field fits the limit.
 */
public class CommentForm {

	static final int MAX_LENGTH = 4000;

	@NotBlank
	@Size(max = MAX_LENGTH)
	private String body;

	/** The version the edit form was drawn from; a save over a newer one is refused. */
	private Long version;

	/** The page of the conversation the form was on, to return to. */
	private Integer page;

	static CommentForm editing(String body, long version, Integer page) {
		CommentForm form = new CommentForm();
		form.body = body;
		form.version = version;
		form.page = page;
		return form;
	}

	String ifMatch() {
		return (this.version != null) ? "\"" + this.version + "\"" : null;
	}

	public String getBody() {
		return this.body;
	}

	public void setBody(String body) {
		this.body = (body != null) ? body.replace("\r\n", "\n").replace('\r', '\n') : null;
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public Integer getPage() {
		return this.page;
	}

	public void setPage(Integer page) {
		this.page = page;
	}

}

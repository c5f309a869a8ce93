package dev.taskfeed.comment.api;

import java.net.URI;

import dev.taskfeed.comment.CommentService;
import dev.taskfeed.comment.CommentView;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.TextLength;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Comments", description = "The conversation on a task: every member of its project reads and writes "
		+ "it (viewers too); an author edits their own comments, an author or a project owner deletes one. A task "
		+ "in the trash hides its comments (404) until it is restored.")
class CommentController {

	private static final int MAX_PAGE_SIZE = 100;

	private final CommentService comments;

	CommentController(CommentService comments) {
		this.comments = comments;
	}

	@GetMapping("/api/tasks/{id}/comments")
	@Operation(summary = "A task's comments, oldest first, a page at a time")
	PagedModel<CommentView> list(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw DomainException.invalidField((page < 0) ? "page" : "size",
					(page < 0) ? "must be 0 or more" : "must be between 1 and " + MAX_PAGE_SIZE);
		}
		return new PagedModel<>(this.comments.list(me.id(), id, page, size));
	}

	@PostMapping("/api/tasks/{id}/comments")
	@Operation(summary = "Comment on a task", description = "Plain text, 1 to 4000 characters; line breaks are kept.")
	ResponseEntity<CommentView> add(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @RequestBody CommentRequest request) {
		CommentView comment = this.comments.add(me.id(), id, request.body());
		return ResponseEntity.created(URI.create("/api/comments/" + comment.id())).eTag(comment.etag()).body(comment);
	}

	@PatchMapping("/api/comments/{id}")
	@Operation(summary = "Edit one's own comment", description = "With `If-Match`, a stale ETag is refused with 412.")
	ResponseEntity<CommentView> edit(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody CommentRequest request) {
		CommentView comment = this.comments.edit(me.id(), id, request.body(), ifMatch);
		return ResponseEntity.ok().eTag(comment.etag()).body(comment);
	}

	@DeleteMapping("/api/comments/{id}")
	@Operation(summary = "Delete a comment (its author, or a project owner)")
	ResponseEntity<Void> delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.comments.delete(me.id(), id, ifMatch);
		return ResponseEntity.noContent().build();
	}

	record CommentRequest(@NotNull @TextLength(min = 1, max = 4000) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*",
			message = "must not be blank") String body) {
	}

}

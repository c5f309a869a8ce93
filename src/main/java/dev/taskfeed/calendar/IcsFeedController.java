package dev.taskfeed.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import dev.taskfeed.common.Sha256;
import dev.taskfeed.task.TaskView;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /calendar/{secret}.ics}: the secret in the URL is the only credential
 * (calendar clients cannot sign in), and the answer never starts a browser session. A
 * poll whose {@code If-None-Match} matches costs a 304.
 */
@Controller
class IcsFeedController {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private final CalendarFeedService feeds;

	IcsFeedController(CalendarFeedService feeds) {
		this.feeds = feeds;
	}

	@GetMapping("/calendar/{secret}.ics")
	ResponseEntity<String> calendar(@PathVariable String secret, WebRequest request) {
		Optional<CalendarFeedService.DueTasks> due = this.feeds.dueTasks(secret);
		if (due.isEmpty()) {
			return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("No such calendar.\n");
		}
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		String body = DueDateCalendar.render(due.get().ownerName(), due.get().tasks(), baseUrl);
		String etag = "\"" + sha256(body).substring(0, 32) + "\"";
		// the ETag alone decides: Last-Modified cannot
		// see a deleted category, so it only informs
		if (request.checkNotModified(etag)) {
			return null;
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.eTag(etag)
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"taskfeed.ics\"");
		due.get().tasks().stream().map(TaskView::updatedAt).max(Instant::compareTo).ifPresent(answer::lastModified);
		return answer.body(body);
	}

	private static String sha256(String text) {
		return Sha256.hex(text);
	}

}

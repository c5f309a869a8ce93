package dev.taskfeed.calendar.api;

import java.net.URI;
import java.util.List;

import dev.taskfeed.calendar.CalendarFeedService;
import dev.taskfeed.calendar.CalendarFeedView;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/calendar-feeds")
@Tag(name = "Calendar feeds", description = "Secret iCalendar URLs of the caller's due dates, for Google Calendar, "
		+ "Apple Calendar or Thunderbird; the secret is shown once, at creation")
class CalendarFeedController {

	private final CalendarFeedService feeds;

	CalendarFeedController(CalendarFeedService feeds) {
		this.feeds = feeds;
	}

	@PostMapping
	@Operation(summary = "Create a calendar URL", description = "The answer's `url` (`/calendar/{secret}.ics`) "
			+ "is the only time the secret is shown; TaskFeed keeps only its SHA-256. Anyone with the URL can read "
			+ "the titles, statuses and categories of your tasks with a due date, so share it only with your "
			+ "calendar. Each task is an all-day event on its due date. Without a body, the URL shows every "
			+ "project of yours; `{\"scope\":\"assigned\"}` only the tasks assigned to you; "
			+ "`{\"scope\":\"project\",\"projectId\":N}` one project's (while you are a member of it).")
	ResponseEntity<CalendarFeedView> create(@AuthenticationPrincipal TaskFeedPrincipal me,
			@RequestBody(required = false) ScopeRequest request) {
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		CalendarFeedView feed = (request != null)
				? this.feeds.create(me.id(), baseUrl, request.scope(), request.projectId())
				: this.feeds.create(me.id(), baseUrl);
		return ResponseEntity.created(URI.create("/api/calendar-feeds/" + feed.id())).body(feed);
	}

	record ScopeRequest(@Schema(description = "all (default), assigned or project", example = "all") String scope,
			@Schema(description = "the project, for the scope project", example = "1") Long projectId) {
	}

	@GetMapping
	@Operation(summary = "The caller's calendar URLs, without their secrets")
	List<CalendarFeedView> list(@AuthenticationPrincipal TaskFeedPrincipal me) {
		return this.feeds.list(me.id());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a calendar URL", description = "The URL answers 404 from now on.")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Parameter(description = "the calendar URL's id", example = "1") @PathVariable long id) {
		this.feeds.revoke(me.id(), id);
		return ResponseEntity.noContent().build();
	}

}

package dev.taskfeed.calendar.api;

import java.net.URI;
import java.util.List;

import dev.taskfeed.calendar.CalendarFeedService;
import dev.taskfeed.calendar.CalendarFeedView;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
			+ "calendar. Each task is an all-day event on its due date.")
	ResponseEntity<CalendarFeedView> create(@AuthenticationPrincipal TaskFeedPrincipal me) {
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		CalendarFeedView feed = this.feeds.create(me.id(), baseUrl);
		return ResponseEntity.created(URI.create("/api/calendar-feeds/" + feed.id())).body(feed);
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

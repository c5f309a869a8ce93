package dev.taskfeed.calendar;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A calendar URL as listed: never its secret. {@code url} is filled only in the answer to
 * its creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarFeedView(@Schema(example = "1") Long id,
		@Schema(description = "which tasks the URL shows: `all` (every task with a due date in your projects), "
				+ "`assigned` (those assigned to you) or `project` (one project's)", example = "all") String scope,
		@Schema(description = "the project a `project` URL shows; absent otherwise", example = "1") Long projectId,
		@Schema(description = "the secret calendar address, shown only in the answer to its creation",
				example = "http://localhost:8080/calendar/tfc_3q2-7wEvlaFhGgXnE1cuUq0wAFEXsN9e3RkP5XUp0kA.ics") String url,
		@Schema(example = "2026-11-20T09:30:00Z") Instant createdAt,
		@Schema(description = "when a calendar last fetched it (to the minute); absent if never",
				example = "2026-11-21T07:00:00Z") Instant lastUsedAt) {

	static CalendarFeedView of(CalendarFeed feed) {
		return new CalendarFeedView(feed.getId(), feed.getScope(), feed.getProjectId(), null, feed.getCreatedAt(),
				feed.getLastUsedAt());
	}

}

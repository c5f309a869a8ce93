package dev.taskfeed.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Moments on the pages, as {@code ${@dates.dateTime(instant)}}: UTC on the server, turned
 * into the reader's own time zone by the page script where it runs.
 */
@Component("dates")
public class DateFormats {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String dateTime(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant) : "";
	}

}

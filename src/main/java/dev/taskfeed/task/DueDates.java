package dev.taskfeed.task;

import java.time.LocalDate;

import dev.taskfeed.common.DomainException;

/**
 * The one rule for due dates: a day of the years 1 to 9999 of the ISO calendar. Outside
 * it PostgreSQL reads a year 0 back as year 1 or cannot store the date at all, and
 * iCalendar (RFC 5545) writes years with four digits.
 */
public final class DueDates {

	public static final LocalDate FIRST = LocalDate.of(1, 1, 1);

	public static final LocalDate LAST = LocalDate.of(9999, 12, 31);

	/** The reason given for a date outside the rule, after the field's name. */
	public static final String REASON = "must be a date from 0001-01-01 to 9999-12-31";

	private DueDates() {
	}

	/**
	 * The date itself when it keeps the rule (or is null).
	 * @throws DomainException.InvalidField naming {@code field} otherwise
	 */
	public static LocalDate check(String field, LocalDate date) {
		if (date != null && (date.isBefore(FIRST) || date.isAfter(LAST))) {
			throw DomainException.invalidField(field, REASON);
		}
		return date;
	}

}

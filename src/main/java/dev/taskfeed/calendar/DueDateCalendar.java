package dev.taskfeed.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.taskfeed.task.TaskView;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * A user's due dates as an iCalendar (RFC 5545) document: one all-day {@code VEVENT} per
 * task, because Google Calendar and Apple Calendar show subscribed events but ignore
 * subscribed {@code VTODO}s (Thunderbird shows both). The output depends on the tasks
 * only (no "now"), so equal content gives an equal ETag.
 */
final class DueDateCalendar {

	/**
	 * How often a calendar client should come back (RFC 7986 and its widely read X-
	 * twin).
	 */
	private static final Duration REFRESH = Duration.ofHours(1);

	private DueDateCalendar() {
	}

	static String render(String ownerName, List<TaskView> tasks, String baseUrl) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//TaskFeed//Due dates//EN"));
		calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
		calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
		calendar.add(new Method(Method.VALUE_PUBLISH));
		calendar.add(new XProperty("X-WR-CALNAME", "TaskFeed: " + ownerName));
		calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
		calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
		for (TaskView task : tasks) {
			calendar.add(event(task, baseUrl));
		}
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ValidationException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	/** The UID a task keeps for its whole life, whatever changes in it. */
	static String uid(long taskId) {
		return "task-" + taskId + "@taskfeed";
	}

	private static VEvent event(TaskView task, String baseUrl) {
		VEvent event = new VEvent(false);
		event.add(new Uid(uid(task.id())));
		// the last change, not "now":
		// the feed stays byte-for-byte the same until a task changes
		event.add(new DtStamp(task.updatedAt()));
		event.add(new DtStart<>(task.dueDate()));
		event.add(new DtEnd<>(task.dueDate().plusDays(1)));
		event.add(new Summary(task.title()));
		event.add(new Description(describe(task)));
		if (!task.categories().isEmpty()) {
			event
				.add(new Categories(new TextList(task.categories().stream().map(TaskView.CategoryRef::name).toList())));
		}
		event.add(new XProperty("X-TASKFEED-STATUS", task.status().name()));
		event.add(new Url(URI.create(baseUrl + "/tasks/" + task.id())));
		event.add(new Sequence((int) Math.min(task.version(), Integer.MAX_VALUE)));
		event.add(new Created(task.createdAt()));
		event.add(new LastModified(task.updatedAt()));
		// a due date is not an appointment: it never makes its owner look busy
		event.add(new Transp(Transp.VALUE_TRANSPARENT));
		return event;
	}

	private static String describe(TaskView task) {
		String status = switch (task.status()) {
			case TODO -> "To do";
			case IN_PROGRESS -> "In progress";
			case DONE -> "Done";
		};
		String description = (task.description() != null) ? task.description() : "";
		return "Status: " + status + (description.isBlank() ? "" : "\n\n" + description);
	}

}

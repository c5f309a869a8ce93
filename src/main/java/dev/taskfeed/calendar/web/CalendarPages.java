package dev.taskfeed.calendar.web;

import dev.taskfeed.web.PageController;
import dev.taskfeed.web.Flash;
import dev.taskfeed.calendar.CalendarFeedService;
import dev.taskfeed.calendar.CalendarFeedView;
import dev.taskfeed.user.TaskFeedPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Calendar URLs (create, copy, revoke) and the export downloads. A new URL is shown once,
 * on the page the creating form redirects to, and is then gone from the session.
 */
@PageController
class CalendarPages {

	private final CalendarFeedService feeds;

	CalendarPages(CalendarFeedService feeds) {
		this.feeds = feeds;
	}

	@GetMapping("/calendar")
	String show(@AuthenticationPrincipal TaskFeedPrincipal me, Model model) {
		model.addAttribute("feeds", this.feeds.list(me.id()));
		return "calendar";
	}

	@PostMapping("/calendar/feeds")
	String create(@AuthenticationPrincipal TaskFeedPrincipal me, RedirectAttributes redirect) {
		String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		CalendarFeedView feed = this.feeds.create(me.id(), baseUrl);
		redirect.addFlashAttribute("calendarUrl", feed.url());
		Flash.add(redirect, "flash.calendarCreated", null);
		return "redirect:/calendar";
	}

	@PostMapping("/calendar/feeds/{id}/revoke")
	String revoke(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		this.feeds.revoke(me.id(), id);
		Flash.add(redirect, "flash.calendarRevoked", null);
		return "redirect:/calendar";
	}

}

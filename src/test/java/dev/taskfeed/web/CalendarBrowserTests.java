package dev.taskfeed.web;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.Browser;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar page in a real browser: a new address is shown with a copy button, and
 * works.
 */
class CalendarBrowserTests extends IntegrationTest {

	@Test
	void aNewCalendarAddressIsShownReadyToCopy() throws Exception {
		Api.User user = newUser();
		user.post("/api/tasks", Api.body("title", "Renovar el DNI", "dueDate", "2026-12-10")).expect(201);
		try (Browser browser = Browser.open(this.port, "es-ES,es")) {
			browser.signIn(user.email(), user.password());
			browser.go("/calendar");
			browser.clickToLoad("form[action$='/calendar/feeds'] button[type=submit]");
			assertThat(browser.find(".flash").getText()).contains("Dirección de calendario creada.");
			WebElement address = browser.find("#calendar-url");
			String url = address.getAttribute("value");
			assertThat(url).startsWith(this.api.baseUrl() + "/calendar/tfc_").endsWith(".ics");
			// the script shows the copy button
			// (the page works without it: the field can be selected)
			assertThat(browser.find("button[data-copy]").isDisplayed()).isTrue();
			browser.screenshot("calendar-es");
			String ics = this.api.send("GET", url.substring(this.api.baseUrl().length()), null, null)
				.expect(200)
				.body();
			assertThat(ics).contains("SUMMARY:Renovar el DNI");
		}
	}

}

package dev.taskfeed.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.Browser;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real headless Chromium: register, sign in, create through the form, watch a
 * second browser of the same user receive it live, a stranger's browser not; trash and restore;
 * presence; both languages. Screenshots go to {@code target/screenshots}.
 */
class BrowserTests extends IntegrationTest {

	private static final Duration LIVE = Duration.ofSeconds(2);

	@Test
	void aTaskMadeInOneBrowserAppearsLiveInTheOwnersOtherBrowserOnly() throws Exception {
		String email = "ana-" + UUID.randomUUID() + "@example.com";
		String password = "correct horse battery";
		Api.User stranger = newUser();

		try (Browser ana = Browser.open(this.port, "en-GB,en");
				Browser anaElsewhere = Browser.open(this.port, "en-US,en");
				Browser other = Browser.open(this.port, "es-ES,es")) {
			// register through the form: it signs the new user in
			ana.go("/register");
			ana.screenshot("register-en");
			ana.type("#displayName", "Ana García").type("#email", email).type("#password", password);
			ana.clickToLoad("form[action$='/register'] button[type=submit]");
			ana.waiting(LIVE).until(ExpectedConditions.urlContains("/tasks"));
			assertThat(flashOf(ana)).contains("Ana García");
			assertThat(ana.find(".account-name").getText()).isEqualTo("Ana García");

			// a category with its colour swatch
			ana.go("/categories");
			ana.type("#name", "Errands");
			ana.script("document.getElementById('color').value = '#e11d48'");
			ana.clickToLoad("form[action$='/categories'] button[type=submit]");
			assertThat(flashOf(ana)).contains("Errands");
			WebElement swatch = ana.find(".category-list .swatch");
			assertThat(swatch.getCssValue("background-color")).isEqualTo("rgba(225, 29, 72, 1)");
			ana.screenshot("categories-en");

			// the same user in another browser, and a stranger, both on their live lists
			anaElsewhere.signIn(email, password);
			anaElsewhere.waiting(LIVE).until(ExpectedConditions.urlContains("/tasks"));
			other.signIn(stranger.email(), stranger.password());
			other.waiting(LIVE).until(ExpectedConditions.urlContains("/tasks"));
			ana.go("/tasks");
			for (Browser browser : List.of(ana, anaElsewhere, other)) {
				waitUntilLive(browser);
			}
			// marks the loaded page: a reload would lose it
			anaElsewhere.script("window.notReloaded = true");
			other.script("window.notReloaded = true");

			// create through the form, choosing the category
			ana.type("#title", "Buy <b>milk</b> & bread").type("#description", "Two litres");
			ana.click("#dueDate");
			ana.script("document.getElementById('dueDate').value = '2026-12-24'");
			ana.driver()
				.findElement(By.xpath("//label[contains(@class,'check')][span[text()='Errands']]/input"))
				.click();
			ana.clickToLoad("#new-task-form button[type=submit]");
			assertThat(flashOf(ana)).contains("Buy <b>milk</b> & bread");

			WebElement arrived = anaElsewhere.waiting(LIVE)
				.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
						"//ul[@id='task-list']/li[1][.//a[@class='task-title' and text()='Buy <b>milk</b> & bread']]")));
			assertThat(anaElsewhere.script("return window.notReloaded === true")).isEqualTo(true);
			assertThat(arrived.findElement(By.cssSelector(".chip")).getText()).isEqualTo("Errands");
			assertThat(arrived.findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("To do");
			// inserted as text: the angle brackets show, no element was made of them
			assertThat(arrived.findElements(By.cssSelector(".task-title b"))).isEmpty();

			// a task made over the REST API shows up as well
			long taskFromApi = this.api.existing(email, password).createTask("Call the plumber").get("id").asLong();
			anaElsewhere.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#task-list li:first-child .task-title"),
						"Call the plumber"));

			assertThat(anaElsewhere.find("#task-count").getText()).isEqualTo("2 tasks");

			// presence: at least Ana and the stranger are connected, Ana with two sessions
			int users = Integer.parseInt(anaElsewhere.find("#live").getDomAttribute("data-users"));
			assertThat(users).isGreaterThanOrEqualTo(2);
			assertThat(anaElsewhere.find("#live-text").getText()).isEqualTo(users + " online");
			anaElsewhere.screenshot("tasks-en");

			// the stranger saw none of it, and their page was never reloaded
			assertThat(other.script("return window.notReloaded === true")).isEqualTo(true);
			assertThat(other.findAll("#task-list li")).isEmpty();
			assertThat(other.find("#live-text").getText()).endsWith("en línea");
			assertThat(other.find("h1").getText()).isEqualTo("Tus tareas");
			other.screenshot("tasks-es");

			// the stranger gets a 404 page for Ana's task
			other.go("/tasks/" + taskFromApi);
			assertThat(other.find("h1").getText()).isEqualTo("No encontrado");
			other.screenshot("not-found-es");

			// detail, then delete to the trash: Ana's other browser loses the row live
			ana.clickToLoad(ana.driver().findElement(By.linkText("Buy <b>milk</b> & bread")));
			assertThat(ana.find(".facts").getText()).contains(email).contains("Errands");
			ana.screenshot("task-detail-en");
			ana.clickToLoad("form[action$='/delete'] button[type=submit]");
			assertThat(flashOf(ana)).contains("moved to the trash");
			anaElsewhere.waiting(LIVE)
				.until(ExpectedConditions.invisibilityOfElementWithText(By.cssSelector("#task-list .task-title"),
						"Buy <b>milk</b> & bread"));
			assertThat(anaElsewhere.findAll("#task-list .task-title")).extracting(WebElement::getText)
				.containsExactly("Call the plumber");

			// the trash has it; restoring brings it back, live in the other browser too
			ana.go("/trash");
			assertThat(ana.findAll("#trash-list .task-title")).extracting(WebElement::getText)
				.containsExactly("Buy <b>milk</b> & bread");
			ana.screenshot("trash-en");
			ana.clickToLoad("#trash-list form button[type=submit]");
			assertThat(flashOf(ana)).contains("is back");
			assertThat(ana.findAll("#trash-list li")).isEmpty();
			anaElsewhere.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#task-list li:first-child .task-title"),
						"Buy <b>milk</b> & bread"));
			assertThat(anaElsewhere.script("return window.notReloaded === true")).isEqualTo(true);

			// the language switcher turns the same page Spanish, and the choice sticks
			ana.go("/tasks");
			ana.clickToLoad(".languages a[lang=es]");
			assertThat(ana.find("h1").getText()).isEqualTo("Tus tareas");
			waitUntilLive(ana);
			ana.screenshot("tasks-es-switched");
			ana.go("/categories");
			assertThat(ana.find("h1").getText()).isEqualTo("Categorías");
			ana.go("/trash");
			ana.screenshot("trash-es");

			// sign out through the form
			ana.clickToLoad(".account form button[type=submit]");
			ana.waiting(LIVE).until(ExpectedConditions.urlContains("/login"));
			assertThat(ana.find(".alert").getText()).isEqualTo("Has cerrado la sesión.");
			ana.screenshot("login-es");
		}
	}

	@Test
	void formsShowTheirErrorsBesideTheField() throws Exception {
		try (Browser browser = Browser.open(this.port, "en")) {
			browser.go("/register");
			browser.type("#displayName", " ").type("#email", "not-an-email").type("#password", "short");
			browser.clickToLoad("form[action$='/register'] button[type=submit]");
			assertThat(browser.find("#email-error").getText()).contains("email address");
			assertThat(browser.find("#displayName-error").getText()).isEqualTo("Please fill this in.");
			assertThat(browser.find("#password-error").getText()).contains("8 and 72");
			assertThat(browser.find("#email").getDomAttribute("aria-describedby")).isEqualTo("email-error");
			browser.screenshot("register-errors-en");

			browser.go("/login");
			browser.type("#username", "nobody@example.com").type("#password", "wrong password");
			browser.clickToLoad("form[action$='/login'] button[type=submit]");
			assertThat(browser.find(".alert.error").getText()).contains("do not match");
			browser.screenshot("login-en");
		}
	}

	/** The one-line message of the page a form redirected to, once that page is there. */
	private static String flashOf(Browser browser) {
		return browser.waiting(Duration.ofSeconds(5))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")))
			.getText();
	}

	private static void waitUntilLive(Browser browser) {
		browser.waiting(Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeContains(By.id("live"), "class", "connected"));
	}

}

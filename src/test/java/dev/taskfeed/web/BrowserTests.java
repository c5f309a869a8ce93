package dev.taskfeed.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.Browser;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real headless Chromium: register, sign in, create through the form,
 * watch a second browser of the same user receive it live, a stranger's browser not;
 * trash and restore; presence; both languages. Screenshots go to
 * {@code target/screenshots}.
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
			AnaScenario scenario = new AnaScenario(ana, anaElsewhere, other, email, password, stranger);
			scenario.registersThroughTheFormWhichSignsHerIn();
			scenario.makesACategoryWithItsSwatch();
			scenario.opensHerOtherBrowserWhileAStrangerWatchesTheirs();
			scenario.createsATaskThatArrivesLiveInHerOtherBrowserAsText();
			scenario.addsATaskOverTheApiThatArrivesToo();
			scenario.isCountedOnline();
			scenario.theStrangerSawNoneOfIt();
			scenario.theStrangerGetsNotFoundForHerTask();
			scenario.trashesItAndHerOtherBrowserLosesTheRow();
			scenario.restoresItAndItComesBackLive();
			scenario.switchesToSpanishAndTheChoiceSticks();
			scenario.signsOutAndHerOtherTabSaysSo();
		}
	}

	/**
	 * Ana, in two browsers, and a stranger in a third: the steps of the scenario above,
	 * in order.
	 */
	private final class AnaScenario {

		private final Browser ana;

		private final Browser anaElsewhere;

		private final Browser other;

		private final String email;

		private final String password;

		private final Api.User stranger;

		private long taskFromApi;

		private String secondTab;

		AnaScenario(Browser ana, Browser anaElsewhere, Browser other, String email, String password,
				Api.User stranger) {
			this.ana = ana;
			this.anaElsewhere = anaElsewhere;
			this.other = other;
			this.email = email;
			this.password = password;
			this.stranger = stranger;
		}

		void registersThroughTheFormWhichSignsHerIn() throws Exception {
			// register through the form: it signs the new user in
			ana.go("/register");
			ana.screenshot("register-en");
			ana.type("#displayName", "Ana García").type("#email", email).type("#password", password);
			ana.clickToLoad("form[action$='/register'] button[type=submit]");
			ana.waiting(LIVE).until(ExpectedConditions.urlContains("/tasks"));
			assertThat(flashOf(ana)).contains("Ana García");
			assertThat(ana.find(".account-name").getText()).isEqualTo("Ana García");
		}

		void makesACategoryWithItsSwatch() throws Exception {
			// a category with its colour swatch
			ana.go("/categories");
			ana.type("#name", "Errands");
			ana.script("document.getElementById('color').value = '#e11d48'");
			ana.clickToLoad("form[action$='/categories'] button[type=submit]");
			assertThat(flashOf(ana)).contains("Errands");
			// an SVG swatch: an inline style attribute
			// would break the Content-Security-Policy
			WebElement swatch = ana.find(".category-list .swatch circle");
			assertThat(swatch.getCssValue("fill")).isEqualTo("rgb(225, 29, 72)");
			ana.screenshot("categories-en");
		}

		void opensHerOtherBrowserWhileAStrangerWatchesTheirs() throws Exception {
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
		}

		void createsATaskThatArrivesLiveInHerOtherBrowserAsText() throws Exception {
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
		}

		void addsATaskOverTheApiThatArrivesToo() throws Exception {
			// a task made over the REST API shows up as well
			this.taskFromApi = BrowserTests.this.api.existing(email, password)
				.createTask("Call the plumber")
				.get("id")
				.asLong();
			anaElsewhere.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(
						By.cssSelector("#task-list li:first-child .task-title"), "Call the plumber"));

			assertThat(anaElsewhere.find("#task-count").getText()).isEqualTo("2 tasks");
		}

		void isCountedOnline() throws Exception {
			// presence: at least Ana and the stranger are connected,
			// Ana with two sessions
			int users = Integer.parseInt(anaElsewhere.find("#live").getDomAttribute("data-users"));
			assertThat(users).isGreaterThanOrEqualTo(2);
			assertThat(anaElsewhere.find("#live-text").getText()).isEqualTo(users + " online");
			anaElsewhere.screenshot("tasks-en");
		}

		void theStrangerSawNoneOfIt() throws Exception {
			// the stranger saw none of it, and their page was never reloaded
			assertThat(other.script("return window.notReloaded === true")).isEqualTo(true);
			assertThat(other.findAll("#task-list li")).isEmpty();
			assertThat(other.find("#live-text").getText()).endsWith("en línea");
			assertThat(other.find("h1").getText()).isEqualTo("Tus tareas");
			other.screenshot("tasks-es");
		}

		void theStrangerGetsNotFoundForHerTask() throws Exception {
			// the stranger gets a 404 page for Ana's task
			other.go("/tasks/" + taskFromApi);
			assertThat(other.find("h1").getText()).isEqualTo("No encontrado");
			other.screenshot("not-found-es");
		}

		void trashesItAndHerOtherBrowserLosesTheRow() throws Exception {
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
		}

		void restoresItAndItComesBackLive() throws Exception {
			// the trash has it; restoring brings it back, live in the other browser too
			ana.go("/trash");
			assertThat(ana.findAll("#trash-list .task-title")).extracting(WebElement::getText)
				.containsExactly("Buy <b>milk</b> & bread");
			ana.screenshot("trash-en");
			ana.clickToLoad("#trash-list form button[type=submit]");
			assertThat(flashOf(ana)).contains("is back");
			assertThat(ana.findAll("#trash-list li")).isEmpty();
			anaElsewhere.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(
						By.cssSelector("#task-list li:first-child .task-title"), "Buy <b>milk</b> & bread"));
			assertThat(anaElsewhere.script("return window.notReloaded === true")).isEqualTo(true);
		}

		void switchesToSpanishAndTheChoiceSticks() throws Exception {
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
		}

		void signsOutAndHerOtherTabSaysSo() throws Exception {
			// a second tab of the same browser, watching the list
			String firstTab = ana.driver().getWindowHandle();
			ana.driver().switchTo().newWindow(WindowType.TAB);
			ana.go("/tasks");
			waitUntilLive(ana);
			this.secondTab = ana.driver().getWindowHandle();
			ana.driver().switchTo().window(firstTab);

			// sign out through the form
			ana.clickToLoad(".account form button[type=submit]");
			ana.waiting(LIVE).until(ExpectedConditions.urlContains("/login"));
			assertThat(ana.find(".alert").getText()).isEqualTo("Has cerrado la sesión.");
			ana.screenshot("login-es");

			// the other tab's connection was closed with the session:
			// it says so and stops retrying
			ana.driver().switchTo().window(secondTab);
			ana.waiting(LIVE)
				.until(ExpectedConditions.textToBe(By.id("live-text"),
						"Sesión cerrada: recarga la página para volver a entrar"));
			assertThat(ana.find("#live").getDomAttribute("class")).doesNotContain("connected");
			ana.screenshot("tasks-signed-out-es");
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

	@Test
	void theListFiltersAndPagesAndTheFeedKeepsToTheFilter() throws Exception {
		Api.User user = newUser();
		long garden = user.createCategory("Garden");
		for (int i = 1; i <= 21; i++) {
			user.createTask("Chore " + i);
		}
		user.post("/api/tasks", Api.body("title", "Prune the roses", "status", "DONE", "categoryIds", List.of(garden)))
			.expect(201);
		user.post("/api/tasks",
				Api.body("title", "Mow the lawn", "status", "IN_PROGRESS", "categoryIds", List.of(garden)))
			.expect(201);

		try (Browser browser = Browser.open(this.port, "en")) {
			browser.signIn(user.email(), user.password());

			// twenty to a page, newest first, with a pager
			assertThat(browser.find("#task-count").getText()).isEqualTo("23 tasks");
			assertThat(titles(browser)).hasSize(20).startsWith("Mow the lawn", "Prune the roses", "Chore 21");
			assertThat(browser.find(".pager").getText()).contains("Page 1 of 2");
			browser.clickToLoad(".pager a[rel=next]");
			assertThat(titles(browser)).containsExactly("Chore 3", "Chore 2", "Chore 1");
			assertThat(browser.find(".pager").getText()).contains("Page 2 of 2");
			assertThat(browser.find("#task-count").getText()).isEqualTo("23 tasks");

			// the filter form: category, then status as well, then text
			browser.go("/tasks");
			new Select(browser.find("#filter-category")).selectByVisibleText("Garden");
			browser.clickToLoad(".filters button[type=submit]");
			assertThat(titles(browser)).containsExactly("Mow the lawn", "Prune the roses");
			assertThat(browser.findAll(".pager")).isEmpty();
			new Select(browser.find("#filter-status")).selectByValue("DONE");
			browser.clickToLoad(".filters button[type=submit]");
			assertThat(titles(browser)).containsExactly("Prune the roses");
			assertThat(browser.find("#task-count").getText()).isEqualTo("1 task");
			browser.go("/tasks");
			browser.type("#filter-q", "LAWN");
			browser.clickToLoad(".filters button[type=submit]");
			assertThat(titles(browser)).containsExactly("Mow the lawn");

			// on a filtered list, the feed adds only the tasks the filter would show
			browser.go("/tasks?categoryId=" + garden);
			waitUntilLive(browser);
			browser.screenshot("tasks-filtered-en");
			user.createTask("Chore 22");
			user.createTask("Weed the beds", garden);
			browser.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(
						By.cssSelector("#task-list li:first-child .task-title"), "Weed the beds"));
			assertThat(titles(browser)).containsExactly("Weed the beds", "Mow the lawn", "Prune the roses");
			assertThat(browser.find("#task-count").getText()).isEqualTo("3 tasks");
			// taking a task out of the category takes it off this list
			long lawn = user.get("/api/tasks?q=lawn").expect(200).json().get("content").get(0).get("id").asLong();
			user.delete("/api/tasks/" + lawn + "/categories/" + garden).expect(204);
			browser.waiting(LIVE)
				.until(ExpectedConditions.invisibilityOfElementWithText(By.cssSelector("#task-list .task-title"),
						"Mow the lawn"));
			assertThat(titles(browser)).containsExactly("Weed the beds", "Prune the roses");
			assertThat(browser.find("#task-count").getText()).isEqualTo("2 tasks");
		}
	}

	private static List<String> titles(Browser browser) {
		return browser.findAll("#task-list .task-title").stream().map(WebElement::getText).toList();
	}

	@Test
	void afterTheConnectionDropsTheListReconnectsAndCatchesUp() throws Exception {
		Api.User user = newUser();
		long toDelete = user.createTask("Water the plants").get("id").asLong();
		long toRename = user.createTask("Old title").get("id").asLong();

		// the browser reaches the server through a proxy that can drop every connection
		try (TcpProxy network = new TcpProxy("127.0.0.1", this.port);
				Browser browser = Browser.open(network.port(), "en")) {
			browser.signIn(user.email(), user.password());
			waitUntilLive(browser);
			browser.script("window.notReloaded = true");

			network.cut();
			browser.waiting(Duration.ofSeconds(5))
				.until(ExpectedConditions
					.not(ExpectedConditions.attributeContains(By.id("live"), "class", "connected")));
			assertThat(browser.find("#live-text").getText()).isEqualTo("Offline, reconnecting…");

			// while the page is offline, the list changes through the API
			user.createTask("Made while offline");
			user.patch("/api/tasks/" + toRename, Map.of("title", "New title")).expect(200);
			user.delete("/api/tasks/" + toDelete).expect(204);
			network.restore();

			// the page reconnects by itself and takes the list again:
			// all three changes show
			waitUntilLive(browser);
			browser.waiting(Duration.ofSeconds(5))
				.until(ExpectedConditions.textToBePresentInElementLocated(
						By.cssSelector("#task-list li:first-child .task-title"), "Made while offline"));
			assertThat(browser.findAll("#task-list .task-title")).extracting(WebElement::getText)
				.containsExactly("Made while offline", "New title");
			assertThat(browser.find("#task-count").getText()).isEqualTo("2 tasks");
			assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
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

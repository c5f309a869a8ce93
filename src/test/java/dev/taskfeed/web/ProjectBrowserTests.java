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
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared-projects story in real headless Chromium: Ana shares a project with Bob
 * (editor) and Carol (viewer) through the pages; her new task reaches their open lists
 * live, saying it was her; Carol has no controls to change it and a forged change is
 * refused; when Ana removes Bob, his list drops the project at once.
 */
class ProjectBrowserTests extends IntegrationTest {

	private static final Duration LIVE = Duration.ofSeconds(5);

	@Test
	void aSharedProjectReachesItsMembersLiveAndSaysWhoChangedIt() throws Exception {
		Api.User ana = person("Ana García");
		Api.User bob = person("Bob");
		Api.User carol = person("Carol");
		bob.post("/api/tasks", Api.body("title", "Regar las plantas")).expect(201);

		try (Browser anasBrowser = Browser.open(this.port, "en-GB,en");
				Browser bobsBrowser = Browser.open(this.port, "es-ES,es");
				Browser carolsBrowser = Browser.open(this.port, "en-US,en")) {
			// Bob and Carol watch their lists, which are not reloaded from here on
			bobsBrowser.signIn(bob.email(), bob.password());
			carolsBrowser.signIn(carol.email(), carol.password());
			for (Browser watcher : List.of(bobsBrowser, carolsBrowser)) {
				waitUntilLive(watcher);
				watcher.script("window.notReloaded = true");
			}

			// Ana creates the project and adds them through the pages
			anasBrowser.signIn(ana.email(), ana.password());
			anasBrowser.go("/projects");
			anasBrowser.type("#name", "Casa");
			anasBrowser.clickToLoad("form[action$='/projects'] button[type=submit]");
			String projectPath = anasBrowser.path();
			long project = Long.parseLong(projectPath.substring("/projects/".length()));
			anasBrowser.type("#email", bob.email());
			new Select(anasBrowser.find("#role")).selectByValue("EDITOR");
			anasBrowser.clickToLoad("#add-member-form button[type=submit]");
			anasBrowser.type("#email", carol.email());
			new Select(anasBrowser.find("#role")).selectByValue("VIEWER");
			anasBrowser.clickToLoad("#add-member-form button[type=submit]");
			assertThat(anasBrowser.findAll("#member-list .member-name")).extracting(WebElement::getText)
				.containsExactly("Ana García", "Bob", "Carol");
			anasBrowser.screenshot("project-members-en");

			// the project joins Bob's and Carol's switchers as it happens
			String casaLink = "#project-switcher a[data-project-id='" + project + "']";
			for (Browser watcher : List.of(bobsBrowser, carolsBrowser)) {
				watcher.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(casaLink)));
			}
			waitForLine(bobsBrowser, "Te añadieron al proyecto «Casa».");

			// Ana adds a task to the project, for Bob:
			// choosing the project offers its members at once
			anasBrowser.go("/tasks");
			anasBrowser.type("#title", "Comprar pan");
			new Select(anasBrowser.find("#projectId")).selectByVisibleText("Casa");
			anasBrowser.waiting(LIVE)
				.until(ExpectedConditions
					.presenceOfElementLocated(By.xpath("//select[@id='assigneeId']/option[.='Bob']")));
			assertThat(anasBrowser.find("#fieldsProjectId").getDomProperty("value")).isEqualTo(String.valueOf(project));
			new Select(anasBrowser.find("#assigneeId")).selectByVisibleText("Bob");
			anasBrowser.clickToLoad("#new-task-form button[type=submit]");
			assertThat(anasBrowser.find(".flash").getText()).contains("Comprar pan");
			String row = "//ul[@id='task-list']/li[.//a[@class='task-title' and text()='Comprar pan']]";
			WebElement bobsRow = bobsBrowser.waiting(LIVE)
				.until(ExpectedConditions.presenceOfElementLocated(By.xpath(row)));
			WebElement carolsRow = carolsBrowser.waiting(LIVE)
				.until(ExpectedConditions.presenceOfElementLocated(By.xpath(row)));
			waitForLine(bobsBrowser, "Ana García creó «Comprar pan»");
			waitForLine(carolsBrowser, "Ana García added “Comprar pan”");
			assertThat(carolsRow.findElement(By.cssSelector(".task-assignee")).getText()).isEqualTo("Assigned to Bob");
			assertThat(carolsRow.findElement(By.cssSelector(".task-project")).getText()).isEqualTo("Casa");
			assertThat(bobsRow.findElements(By.cssSelector(".row-edit"))).hasSize(1);
			assertThat(carolsRow.findElements(By.cssSelector(".row-edit"))).isEmpty();

			// a status change says where the task went, to everyone but Ana
			waitUntilLive(anasBrowser);
			long task = Long.parseLong(carolsRow.getDomAttribute("data-id"));
			ana.patch("/api/tasks/" + task, Api.body("status", "DONE")).expect(200);
			waitForLine(carolsBrowser, "Ana García moved “Comprar pan” to Done");
			waitForLine(bobsBrowser, "Ana García movió «Comprar pan» a Hecha");
			carolsBrowser.screenshot("tasks-live-actor-en");
			anasBrowser.waiting(LIVE)
				.until(ExpectedConditions.attributeContains(By.cssSelector("#task-list li[data-id='" + task + "']"),
						"class", "status-done"));
			assertThat(anasBrowser.findAll("#activity .activity-line")).isEmpty();
			for (Browser watcher : List.of(bobsBrowser, carolsBrowser)) {
				assertThat(watcher.script("return window.notReloaded === true")).isEqualTo(true);
			}

			// Carol, a viewer, has nothing to change it with,
			// and a forged change is refused
			carolsBrowser.go("/tasks/" + task);
			assertThat(carolsBrowser.find("h1").getText()).isEqualTo("Comprar pan");
			assertThat(carolsBrowser.findAll("a[href$='/edit'], form[action$='/delete']")).isEmpty();
			carolsBrowser.script("""
					const form = document.createElement('form');
					form.method = 'post';
					form.action = '/tasks/' + arguments[0] + '/edit';
					for (const [name, value] of [['_csrf', document.querySelector('meta[name="csrf-token"]').content],
							['title', 'Comprar leche'], ['status', 'TODO']]) {
						const input = document.createElement('input');
						input.type = 'hidden';
						input.name = name;
						input.value = value;
						form.append(input);
					}
					document.body.append(form);
					window.taskfeedPreviousPage = true;
					form.submit();""", task);
			carolsBrowser.waiting(LIVE)
				.until((driver) -> Boolean.TRUE.equals(carolsBrowser
					.script("return window.taskfeedPreviousPage !== true && document.readyState === 'complete'")));
			assertThat(carolsBrowser.find(".error-code").getText()).isEqualTo("403");
			assertThat(carolsBrowser.find("h1").getText()).isEqualTo("Not allowed");
			assertThat(ana.get("/api/tasks/" + task).json().get("title").asString()).isEqualTo("Comprar pan");

			// Ana removes Bob: his open list drops the
			// project's tasks at once, and keeps his own
			anasBrowser.go(projectPath);
			anasBrowser.script("window.confirm = () => true");
			anasBrowser.clickToLoad("form[action$='/members/" + bob.id() + "/remove'] button[type=submit]");
			assertThat(anasBrowser.find(".flash").getText()).contains("Bob");
			bobsBrowser.waiting(LIVE).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(casaLink)));
			assertThat(bobsBrowser.findAll("#task-list .task-title")).extracting(WebElement::getText)
				.containsExactly("Regar las plantas");
			waitForLine(bobsBrowser, "Ya no eres miembro de «Casa».");
			assertThat(bobsBrowser.script("return window.notReloaded === true")).isEqualTo(true);
			bobsBrowser.screenshot("tasks-project-left-es");

			// Carol watches the project's list; Ana renames it and makes her an editor:
			// the heading follows, and the task gains its Edit link, without a reload
			carolsBrowser.go("/tasks?project=" + project);
			waitUntilLive(carolsBrowser);
			carolsBrowser.script("window.notReloaded = true");
			String carolsRowPath = "#task-list li[data-id='" + task + "']";
			assertThat(carolsBrowser.findAll(carolsRowPath + " .row-edit")).isEmpty();
			ana.patch("/api/projects/" + project, Api.body("name", "Casa de campo")).expect(200);
			ana.patch("/api/projects/" + project + "/members/" + carol.id(), Api.body("role", "EDITOR")).expect(200);
			carolsBrowser.waiting(LIVE)
				.until(ExpectedConditions.textToBe(By.cssSelector("#tasks-page .page-head h1"), "Casa de campo"));
			carolsBrowser.waiting(LIVE)
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(carolsRowPath + " .row-edit")));
			assertThat(carolsBrowser.find(carolsRowPath + " .row-edit").getDomAttribute("href"))
				.isEqualTo("/tasks/" + task + "/edit");
			assertThat(carolsBrowser.script("return window.notReloaded === true")).isEqualTo(true);
		}
	}

	/** A new account with a display name of one's choosing, signed with an API token. */
	private Api.User person(String displayName) {
		String email = displayName.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.com";
		Api.User user = this.api.register(email, "correct horse battery", displayName);
		return user.withToken(user.createToken("test client"));
	}

	/** Waits for a line about what someone else did (each fades after a few seconds). */
	private static void waitForLine(Browser browser, String text) {
		browser.waiting(LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity"), text));
	}

	private static void waitUntilLive(Browser browser) {
		browser.waiting(Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeContains(By.id("live"), "class", "connected"));
	}

}

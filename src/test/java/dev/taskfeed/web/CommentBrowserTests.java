package dev.taskfeed.web;

import java.time.Duration;
import java.util.UUID;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.Browser;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.Projects;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's conversation in real headless Chromium: Ana (English) and Bob (Spanish) have
 * the same task open; Bob types and Ana reads that he is typing; his comment, in angle
 * brackets, reaches her page as text, without a reload; he edits it in place and then
 * deletes it, and her page follows; her task list, in another tab, counts the comments as
 * they come and go, and shows who of the project is online.
 */
class CommentBrowserTests extends IntegrationTest {

	private static final Duration LIVE = Duration.ofSeconds(5);

	@Test
	void bobsTypingAndCommentReachAnasOpenTaskAndListLiveAsText() throws Exception {
		Api.User ana = person("Ana García");
		Api.User bob = person("Bob");
		long casa = Projects.share(ana, "Casa", bob, "EDITOR");
		long task = ana.post("/api/tasks", Api.body("title", "Comprar pan", "projectId", casa))
			.expect(201)
			.json()
			.get("id")
			.asLong();

		try (Browser anas = Browser.open(this.port, "en-GB,en"); Browser bobs = Browser.open(this.port, "es-ES,es")) {
			// Ana: the project's list in one tab,
			// the task in another; neither is reloaded
			anas.signIn(ana.email(), ana.password());
			anas.go("/tasks?project=" + casa);
			waitUntilLive(anas);
			String listTab = anas.driver().getWindowHandle();
			anas.script("window.notReloaded = true");
			anas.driver().switchTo().newWindow(WindowType.TAB);
			anas.go("/tasks/" + task);
			waitUntilLive(anas);
			String taskTab = anas.driver().getWindowHandle();
			anas.script("window.notReloaded = true");
			assertThat(anas.find("#comment-count").getText()).isEqualTo("No comments");

			bobs.signIn(bob.email(), bob.password());
			bobs.go("/tasks/" + task);
			waitUntilLive(bobs);

			// Bob types: Ana reads it, in her language
			bobs.find("#body").sendKeys("<b>hola</b>");
			anas.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("typing"), "Bob is typing…"));
			anas.script("document.getElementById('comment-form').scrollIntoView(false)");
			anas.screenshot("task-comments-typing-en");

			// his comment arrives as text, and his typing line goes with it
			bobs.click("#comment-form button[type=submit]");
			String bobsComment = "//ol[@id='comment-list']/li[.//span[@class='comment-author' and text()='Bob']]";
			WebElement arrived = anas.waiting(LIVE)
				.until(ExpectedConditions.presenceOfElementLocated(By.xpath(bobsComment)));
			assertThat(arrived.findElement(By.cssSelector(".comment-body")).getText()).isEqualTo("<b>hola</b>");
			assertThat(anas.findAll("#comment-list b")).isEmpty();
			assertThat(arrived.findElements(By.cssSelector(".comment-edit"))).isEmpty();
			anas.waiting(LIVE).until(ExpectedConditions.textToBe(By.id("comment-count"), "1 comment"));
			anas.waiting(Duration.ofSeconds(6))
				.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#typing .typing-line")));
			assertThat(anas.script("return window.notReloaded === true")).isEqualTo(true);
			anas.script("document.getElementById('comment-form').scrollIntoView(false)");
			anas.screenshot("task-comments-live-en");
			// on Bob's page it is there too, the box empty for the next one
			bobs.waiting(LIVE).until(ExpectedConditions.presenceOfElementLocated(By.xpath(bobsComment)));
			assertThat(bobs.find("#body").getDomProperty("value")).isEmpty();
			assertThat(bobs.find("#comment-count").getText()).isEqualTo("1 comentario");

			// Ana's list counts it, and shows who of Casa is online
			anas.driver().switchTo().window(listTab);
			String row = "#task-list li[data-id='" + task + "'] .task-comments";
			anas.waiting(LIVE).until(ExpectedConditions.textToBe(By.cssSelector(row), "1 comment"));
			anas.waiting(LIVE)
				.until(ExpectedConditions
					.presenceOfElementLocated(By.cssSelector("#project-online .person[title='Bob']")));
			assertThat(anas.findAll("#project-online .person")).extracting((person) -> person.getDomAttribute("title"))
				.containsExactly("Ana García", "Bob");
			assertThat(anas.findAll("#project-online .initials")).extracting(WebElement::getText)
				.containsExactly("AG", "B");
			assertThat(anas.script("return window.notReloaded === true")).isEqualTo(true);
			anas.screenshot("tasks-comment-count-en");

			// Bob edits it in place: Ana's page follows, marked as edited
			bobs.click(".comment-edit");
			WebElement editor = bobs.find(".comment-editor textarea");
			editor.clear();
			editor.sendKeys("Mejor integral");
			bobs.screenshot("task-comment-editing-es");
			bobs.click(".comment-editor button[type=submit]");
			bobs.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#comment-list .comment-body"),
						"Mejor integral"));
			anas.driver().switchTo().window(taskTab);
			anas.waiting(LIVE)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath(bobsComment + "//p"),
						"Mejor integral"));
			assertThat(anas.find(".comment-edited").getText()).isEqualTo("(edited)");

			// and deletes it: gone from her page, and from her list's count
			bobs.script("window.confirm = () => true");
			bobs.click(".comment-delete button[type=submit]");
			anas.waiting(LIVE).until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(bobsComment)));
			assertThat(anas.find("#comment-count").getText()).isEqualTo("No comments");
			anas.driver().switchTo().window(listTab);
			anas.waiting(LIVE).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row)));
			assertThat(anas.script("return window.notReloaded === true")).isEqualTo(true);
			assertThat(ana.get("/api/tasks/" + task + "/comments").json().get("content")).isEmpty();
		}
	}

	/** A new account with a display name of one's choosing, signed with an API token. */
	private Api.User person(String displayName) {
		String email = displayName.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.com";
		Api.User user = this.api.register(email, "correct horse battery", displayName);
		return user.withToken(user.createToken("test client"));
	}

	private static void waitUntilLive(Browser browser) {
		browser.waiting(Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeContains(By.id("live"), "class", "connected"));
	}

}

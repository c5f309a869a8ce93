package dev.taskfeed.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, the machine's own ({@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}): nothing is downloaded. Each instance is a separate
 * browser profile, so two of them are two independent cookie jars. Without Chromium the
 * browser tests are skipped, except under CI, where they fail.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final String baseUrl;

	private final Path profile;

	private Browser(String baseUrl, String acceptLanguage) throws IOException {
		this.baseUrl = baseUrl;
		this.profile = Files.createTempDirectory("taskfeed-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1280,900", "--user-data-dir=" + this.profile,
				"--lang=" + acceptLanguage.split(",")[0]);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
	}

	/**
	 * A browser whose {@code Accept-Language} is {@code acceptLanguage}, e.g.
	 * {@code "es-ES,es"}.
	 */
	public static Browser open(int port, String acceptLanguage) throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && System.getenv("CI") == null) {
			Assumptions.abort("Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
		}
		return new Browser("http://localhost:" + port, acceptLanguage);
	}

	public WebDriver driver() {
		return this.driver;
	}

	public Browser go(String path) {
		this.driver.get(this.baseUrl + path);
		return this;
	}

	public String path() {
		return this.driver.getCurrentUrl().substring(this.baseUrl.length());
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	public Browser type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	/** Clicks something that stays on the page (a field, a checkbox). */
	public Browser click(String css) {
		find(css).click();
		return this;
	}

	/**
	 * Clicks a submit button or link and returns once the next page has loaded: a click
	 * only starts the navigation, so looking for the next page's elements right after it
	 * could still find (or miss) them on the old one.
	 */
	public Browser clickToLoad(String css) {
		return clickToLoad(find(css));
	}

	public Browser clickToLoad(WebElement target) {
		// a mark on the current document: the next page does not have it
		this.driver.executeScript("window.taskfeedPreviousPage = true");
		target.click();
		waiting(Duration.ofSeconds(20)).ignoring(WebDriverException.class)
			.until((driver) -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
				.executeScript("return window.taskfeedPreviousPage !== true && document.readyState === 'complete'")));
		return this;
	}

	public WebDriverWait waiting(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.driver, timeout);
		wait.pollingEvery(Duration.ofMillis(50));
		return wait;
	}

	public Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	/** Signs in through the login form. */
	public Browser signIn(String email, String password) {
		go("/login");
		type("#username", email).type("#password", password).clickToLoad("form[action$='/login'] button[type=submit]");
		return this;
	}

	/** Saves the whole page as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			File shot = this.driver.getScreenshotAs(OutputType.FILE);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

}

package dev.santong.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (Selenium Manager cannot download a driver here), in a
 * profile of its own per person: signs in through Keycloak's real login page like a person, and writes a screenshot
 * of each page it is asked to under the test logs.
 */
final class ConsoleBrowser implements AutoCloseable {

    /** Beside the suite's other test logs (./santong test keeps them in .local/logs). */
    static final Path SCREENSHOTS = Path.of(System.getProperty("santong.screenshots", "../.local/logs/console-screenshots"));

    private static final java.util.Map<String, String> TIMINGS = new java.util.LinkedHashMap<>();

    private final ChromeDriver driver;
    private final String consoleUrl;
    private String signedInAs = "nobody";
    private final WebDriverWait wait;

    ConsoleBrowser(String gatewayUrl, String language) {
        this.consoleUrl = gatewayUrl + "/console";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("santong.chromium", "/usr/bin/chromium"));
        // The machine's network is closed: without these Chromium keeps trying Google's hosts.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("santong.chromedriver", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Opens the console and signs in on Keycloak's login page, as a person would. */
    ConsoleBrowser signIn(String username, String password) {
        submitLogin(username, password);
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-who]")));
        } catch (org.openqa.selenium.TimeoutException notSignedIn) {
            screenshot("sign-in-failed-" + username);
            throw new AssertionError("not signed in as " + username + " at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("body")).getText(), notSignedIn);
        }
        return this;
    }

    /** Signs in someone the console has no menu for (a shopper): the answer is a page, not the console's frame. */
    ConsoleBrowser signInExpectingNoMenu(String username, String password) {
        submitLogin(username, password);
        wait.until(browser -> browser.getCurrentUrl().startsWith(consoleUrl));
        awaitParts();
        return this;
    }

    private void submitLogin(String username, String password) {
        signedInAs = username;
        driver.get(consoleUrl + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Opens a console path (after /console) and waits for every part the page loads on its own. */
    long open(String path) {
        long started = System.nanoTime();
        driver.get(consoleUrl + path);
        awaitParts();
        long took = (System.nanoTime() - started) / 1_000_000;
        // Every page a test opens, as that person saw it.
        screenshot(signedInAs + path.replaceAll("[^A-Za-z0-9_-]+", "_"));
        return took;
    }

    void awaitParts() {
        wait.until(browser -> browser.findElements(By.cssSelector(".loading")).isEmpty());
    }

    String currentPath() {
        String url = driver.getCurrentUrl();
        return url.startsWith(consoleUrl) ? url.substring(consoleUrl.length()) : url;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String title() {
        return driver.getTitle();
    }

    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    /**
     * Clicks a link or a form's button that opens another page, and waits for that page and its parts. Waiting for the
     * parts alone could look at the page being left: the address changes before the new document is parsed.
     */
    void follow(String css) {
        WebElement leaving = find("html");
        click(css);
        wait.until(ExpectedConditions.stalenessOf(leaving));
        wait.until(browser -> "complete".equals(driver.executeScript("return document.readyState")));
        awaitParts();
    }

    /** Clicks something that asks for confirmation first, and answers it: yes, or no. */
    void clickAndConfirm(String css, boolean yes) {
        click(css);
        org.openqa.selenium.Alert question = wait.until(ExpectedConditions.alertIsPresent());
        if (yes) {
            question.accept();
        } else {
            question.dismiss();
        }
    }

    /** Submits a search and waits until its results replaced what {@code targetCss} showed before. */
    void search(String buttonCss, String targetCss) {
        awaitParts();
        WebElement before = find(targetCss + " > *");
        click(buttonCss);
        wait.until(ExpectedConditions.stalenessOf(before));
        awaitParts();
    }

    /** Clicks a list's "more" and waits until the next rows took its place. */
    void more(String partCss) {
        WebElement more = find(partCss + " [data-more]");
        more.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.stalenessOf(more));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits for something a part swaps in after an action. */
    WebElement await(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Notes how long a page took: navigation until every part loaded, and the browser's own load event. */
    static synchronized void timing(String page, long navigationMillis, ConsoleBrowser browser) {
        TIMINGS.put(page, navigationMillis + " ms with its parts (load event " + browser.loadMillis() + " ms); server " + browser.serverMillis());
    }

    /** Prints the pages timed since the last print (each test class prints its own when it ends). */
    static synchronized void printTimings() {
        System.out.println("console pages (page load in Chromium, parts included):");
        TIMINGS.forEach((page, time) -> System.out.printf("  %-40s %s%n", page, time));
        TIMINGS.clear();
    }

    /** A file the page offers, fetched by the browser with its own session, as text (a byte-order mark kept). */
    String download(String path) {
        Object text = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)))
                    .catch(e => done('failed: ' + e));""", consoleUrl + path);
        return (String) text;
    }

    /** The page's load in the browser, navigation start to load end (Navigation Timing). */
    long loadMillis() {
        Object duration = driver.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? Math.round(n.loadEventEnd - n.startTime) : -1;");
        return ((Number) duration).longValue();
    }

    /** What the console said it took (Server-Timing): the page itself, and its slowest part. */
    String serverMillis() {
        Object timing = driver.executeScript("""
                const render = e => (e.serverTiming || []).filter(t => t.name === 'render').map(t => t.duration)[0];
                const page = render(performance.getEntriesByType('navigation')[0]);
                const parts = performance.getEntriesByType('resource').map(render).filter(d => d !== undefined);
                return 'page ' + Math.round(page) + ' ms, ' + parts.length + ' parts, slowest ' + Math.round(Math.max(0, ...parts)) + ' ms';""");
        return String.valueOf(timing);
    }

    /** A tablet at a service desk, upright (an iPad Air's CSS pixels). */
    void asTablet() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
    }

    /** Whether the page fits the window's width (wide tables scroll inside the page, the page itself does not). */
    boolean fitsTheWidth() {
        Object fits = driver.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(fits);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

"""The web page end to end in real headless Chromium (Debian's chromium and chromedriver)."""

import os
import shutil

import pytest
from server import running_server

from summarizer.service.app import create_app
from summarizer.service.settings import Settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        pytest.fail("CI must install chromium and chromium-driver (see .ci/run)", pytrace=False)
    pytest.skip(
        "headless Chromium not installed (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

webdriver = pytest.importorskip("selenium.webdriver")

ARTICLE = "快手發佈第三季度業績\n2024年第三季度，快手總營收同比增長11.4%至311億元。程一笑表示，公司將繼續推進AI戰略。"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def url():
    with running_server(create_app(Settings(max_text_chars=2000))) as base:
        yield base


def _wait(driver, condition, timeout=30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_paste_text_and_read_the_results(browser, url):
    from selenium.webdriver.common.by import By

    browser.get(url + "/")
    browser.find_element(By.ID, "text").send_keys(ARTICLE)
    browser.find_element(By.ID, "submit").click()
    _wait(browser, lambda d: d.find_element(By.ID, "result").is_displayed())
    assert "快手" in browser.find_element(By.ID, "summary_zh").text  # converted to Simplified
    english = browser.find_element(By.ID, "english").text
    assert english.startswith(
        "Kuaishou's third-quarter 2024 revenue rose 11.4% year on year to RMB 31.1 billion"
    )
    cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#facts tbody td")]
    assert cells[:4] == [
        "Kuaishou",
        "revenue",
        "Q3 2024",
        "RMB 31.1 billion, up 11.4% year on year",
    ]
    names = browser.find_element(By.ID, "entities").text
    assert "Cheng Yixiao" in names and "Kuaishou" in names
    assert browser.find_element(By.ID, "error").text == ""


def test_pick_a_gb18030_file(browser, url, tmp_path):
    from selenium.webdriver.common.by import By

    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("gb18030"))
    browser.get(url + "/")
    browser.find_element(By.ID, "file").send_keys(str(path))
    _wait(
        browser, lambda d: d.find_element(By.ID, "text").get_attribute("value").startswith("快手")
    )
    browser.find_element(By.ID, "submit").click()
    _wait(browser, lambda d: d.find_element(By.ID, "result").is_displayed())
    assert "RMB 31.1 billion" in browser.find_element(By.ID, "english").text


def test_clear_messages_for_empty_and_too_long_text(browser, url):
    from selenium.webdriver.common.by import By

    browser.get(url + "/")
    browser.find_element(By.ID, "submit").click()
    assert (
        browser.find_element(By.ID, "error").text
        == "Please paste an article or pick a file: the text is empty."
    )
    browser.execute_script("document.getElementById('text').value = '快'.repeat(2500);")
    browser.find_element(By.ID, "submit").click()
    _wait(browser, lambda d: d.find_element(By.ID, "error").text.startswith("Error 413"))
    assert (
        browser.find_element(By.ID, "error").text
        == "Error 413: text is 2,500 characters; the limit is 2,000"
    )
    assert not browser.find_element(By.ID, "result").is_displayed()

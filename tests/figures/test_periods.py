"""Reporting periods; expected labels worked out by hand from the Chinese."""

from summarizer.figures.article_year import article_years
from summarizer.figures.fiscal_year import fiscal_start_month
from summarizer.figures.periods import find_periods, trading_day


def labels(sentence, fiscal_start=1):
    return [m.period.label() for m in find_periods(sentence, fiscal_start)]


def test_quarters_halves_nine_months_months_and_cumulative_months():
    assert labels("2025年第三季度营收") == ["Q3 2025"]
    assert labels("2025Q3公司实现营收") == ["Q3 2025"]
    assert labels("4Q24首度扭亏") == ["Q4 2024"]
    assert labels("Q1-3实现收入") == ["9M"]
    assert labels("2025年前三季度营收") == ["9M 2025"]
    assert labels("累计前11月营收") == ["Jan-Nov"]
    assert labels("2025年1-8月市占率") == ["Jan-Aug 2025"]
    assert labels("截至2024年6月30日，现金") == ["Jun 30 2024"]


def test_two_months_added_up_are_one_span_and_two_months_listed_are_two():
    assert labels("10月及11月营收合计达7110亿元") == ["Oct-Nov"]
    assert labels("10月及11月营收分别为3674亿元及3436亿元") == ["Oct", "Nov"]


def test_a_quarter_that_ends_off_the_calendar_is_a_fiscal_quarter():
    text = "联想集团发布截至2025年9月30日止三个月之业绩，第二季度收入同比增长15%。"
    start = fiscal_start_month(text)
    assert start == 4
    assert labels("2025年第二季度收入", start) == ["Q2 FY2025/26"]
    quarter = find_periods("截至2025年9月30日止三个月", start)[0].period
    assert quarter.label() == "Q2 FY2025/26"


def test_comparison_bases_are_marked():
    (base,) = [m for m in find_periods("较2024年第三季度增长14.9%")]
    assert base.comparison
    (year_ago,) = find_periods("从去年同期的18%降至14%")
    assert year_ago.comparison


def test_the_reporting_year_comes_from_the_periods_named():
    assert article_years("公司公布2025年第三季度业绩，较2024年第三季度增长。")[0] == 2025
    assert article_years("营收较2024年的6.85兆元成长约21%")[0] == 2025
    assert article_years("将从2024年起翻倍，2025年的销售目标下调")[0] == 2025


def test_trading_days_for_prices():
    assert trading_day("隔晚百度ADS升2.66%", 2025).label() == "day before report"
    assert trading_day("现价升2.5%", 2025).label() == "report day"
    assert trading_day("ADR周一大涨3.1%", 2025).label() == "Monday"
    assert trading_day("股价年内上涨超60%", 2025).label() == "YTD 2025"
    assert trading_day("董事会通过决议", 2025) is None

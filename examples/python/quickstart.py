"""The Python bindings in a page.   usage: python3 quickstart.py <archive.db>"""

import datetime
import sys

import snowball


def main(path: str) -> None:
    with snowball.open(path) as archive:
        # Run it again on the same file: what is on file already is found, not filed twice.
        if "XH" not in [s.code for s in archive.sites.list()]:
            archive.sites.add("XH", "西湖印象售楼处")
        wang = next((c for c in archive.consultants.list("XH") if c.name == "王芳"), None) \
            or archive.consultants.add(site="XH", name="王芳")
        last_week = datetime.date.today() - datetime.timedelta(days=7)
        try:
            zhang = archive.customers.add(site="XH", channel="call", name="张伟", mobile="+86 138-0013-8000",
                                          consultant=wang, tier="vip", first_contact=last_week)
            print("filed", zhang.name, zhang.archive_no)
        except snowball.Conflict as e:
            zhang = archive.customers.get(e.record_id)
            print("on file already:", zhang.name, zhang.archive_no)

        try:
            archive.customers.add(site="XH", channel="lead", name="李四", mobile="0086 13800138000")
        except snowball.Conflict as e:
            print("duplicate refused:", e, "- existing customer", e.record_id)

        csv = "姓名,手机,日期\n陈静,13600001111,2026/11/20\n赵磊,1360000,2026/11/21\n".encode("gb18030")
        report = archive.leads.import_csv(csv, site="XH", consultant=wang)
        print("lead list (%s): %d filed, rejected %s" % (report.encoding, report.imported,
                                                          [(r.line, r.reason) for r in report.rejected]))

        caller = archive.customers.by_phone("138 0013 8000", site="XH")
        print("caller recognised:", caller.name, caller.archive_no, caller.tier)

        archive.customers.record_visit(zhang.id, datetime.date.today() - datetime.timedelta(days=1))
        try:
            deal = archive.customers.record_deal(zhang.id, unit="3-1-1201", area=128.5, price=3_980_000)
            print("deal closed:", deal.unit, "stage now", archive.customers.get(zhang.id).stage)
        except snowball.Conflict as e:
            print("deal on file already:", e)
        print("valid number?", snowball.validate_archive_no(zhang.archive_no))
        print(archive.info())


if __name__ == "__main__":
    main(sys.argv[1])

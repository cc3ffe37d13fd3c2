#include <snowball/snowball.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    auto archive = snowball::Archive::open(argv[1]);
    archive.sites().add({"XH", "西湖印象售楼处", ""});
    snowball::NewCustomer c;
    c.site = "XH";
    c.channel = snowball::Channel::visit;
    c.name = "刘洋";
    c.mobile = "13905712233";
    std::cout << "consumer filed " << archive.customers().add(c).archive_no << '\n';
    return 0;
}

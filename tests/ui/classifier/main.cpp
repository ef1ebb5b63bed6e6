#include "tests/support/qt_test_main.h"

int main(int argc, char** argv) { return fab::test::runQtTests(argc, argv); }

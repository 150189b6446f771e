#include "app/cli.h"

#include <iostream>

int main(int argc, char** argv) { return netdrill::app::RunCli(argc, argv, std::cout, std::cerr); }

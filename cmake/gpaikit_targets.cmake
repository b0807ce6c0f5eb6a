# Helpers that give every gpaikit module, test, fuzzer and benchmark the same flags.
set(GPAIKIT_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wconversion
    -Wno-sign-conversion)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false maybe-uninitialized positives inside std::variant copies at -O2.
  list(APPEND GPAIKIT_WARNINGS -Wno-maybe-uninitialized)
endif()
if(GPAIKIT_WERROR)
  list(APPEND GPAIKIT_WARNINGS -Werror)
endif()
# Every sanitizer finding is fatal (UBSan would otherwise print and go on, and a fuzzer or a test
# would pass over undefined behaviour): the same flags for the ASan and the fuzz builds.
set(GPAIKIT_SANITIZER_FLAGS -fno-omit-frame-pointer -fno-sanitize-recover=all)
if(GPAIKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined ${GPAIKIT_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

if(GPAIKIT_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined ${GPAIKIT_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

# Where the binaries find data/ when GPAIKIT_DATA_DIR is not set.
set(GPAIKIT_SOURCE_DATA_DIR "${PROJECT_SOURCE_DIR}/data")

# gpaikit_module(NAME SOURCES ... DEPS ...): static library gpaikit_NAME.
function(gpaikit_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(gpaikit_${name} STATIC ${ARG_SOURCES})
  target_include_directories(gpaikit_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                             PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(gpaikit_${name} PRIVATE ${GPAIKIT_WARNINGS})
  target_link_libraries(gpaikit_${name} PUBLIC ${ARG_DEPS})
endfunction()

# gpaikit_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
function(gpaikit_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT GPAIKIT_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${GPAIKIT_WARNINGS})
  target_compile_definitions(${name} PRIVATE
      GPAIKIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      GPAIKIT_SOURCE_DATA_DIR="${GPAIKIT_SOURCE_DATA_DIR}")
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()

# gpaikit_fuzzer(NAME SOURCES ... DEPS ...): a libFuzzer target (only with GPAIKIT_FUZZ). One
# convention: the fuzzer's file is NAME.cc and NAME ends in _fuzzer (scripts/run-fuzzers finds them).
function(gpaikit_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT name MATCHES "_fuzzer$" OR NOT "${name}.cc" IN_LIST ARG_SOURCES)
    message(FATAL_ERROR "gpaikit_fuzzer(${name}): a fuzzer is NAME_fuzzer built from NAME_fuzzer.cc")
  endif()
  if(NOT GPAIKIT_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  set_property(GLOBAL APPEND PROPERTY GPAIKIT_FUZZERS ${name})
endfunction()

# gpaikit_bench(NAME SOURCES ... DEPS ...): a Google Benchmark binary (only with GPAIKIT_BENCH).
function(gpaikit_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT GPAIKIT_BENCH)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${GPAIKIT_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()

# GPAIKIT_PYTHON: build the Python package (python/) when pybind11 is found for Debian's python3
# (/usr/bin/python3, not whatever python3 comes first on PATH). Off under sanitizers and fuzzing,
# whose runtimes a Python interpreter does not load.
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3)
endif()
set(PYBIND11_FINDPYTHON ON)
set(gpaikit_python_default OFF)
if(NOT GPAIKIT_SANITIZE AND NOT GPAIKIT_FUZZ)
  find_package(pybind11 2.10 CONFIG QUIET)
  if(pybind11_FOUND)
    set(gpaikit_python_default ON)
  endif()
endif()
option(GPAIKIT_PYTHON "Build the Python package (pybind11) and its tests" ${gpaikit_python_default})
if(GPAIKIT_PYTHON AND NOT pybind11_FOUND)
  find_package(pybind11 2.10 CONFIG REQUIRED)
endif()

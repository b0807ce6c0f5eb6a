"""Builds gpaikit._native with the repository's CMake project (target gpaikit_native) and ships
data/crawlers.yaml inside the package; used by `pip install --no-build-isolation ./python`."""

import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = os.path.abspath(os.path.join(self.build_temp, "cmake"))
        os.makedirs(build, exist_ok=True)
        subprocess.run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=Release", "-DGPAIKIT_TESTS=OFF",
                        "-DGPAIKIT_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}"],
                       check=True)
        subprocess.run(["cmake", "--build", build, "--target", "gpaikit_native",
                        "-j", str(os.cpu_count() or 2)], check=True)
        built = os.path.join(build, "python", "gpaikit", os.path.basename(self.get_ext_filename(
            ext.name)))
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)
        data = os.path.join(os.path.dirname(target), "data")
        os.makedirs(data, exist_ok=True)
        shutil.copyfile(os.path.join(ROOT, "data", "crawlers.yaml"),
                        os.path.join(data, "crawlers.yaml"))


setup(ext_modules=[Extension("gpaikit._native", sources=[])], cmdclass={"build_ext": CMakeBuild})

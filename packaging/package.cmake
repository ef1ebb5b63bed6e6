# Installation layout and the Debian package (CPack):
#   cmake --build build --target package   →   build/fabkit_<version>_amd64.deb
# /usr/bin/fabkit, /usr/bin/fabkit-cli (+ /usr/lib/fabkit/fabkit-cli-models), the desktop entry, the icon, the
# workspace MIME type, and (from models/) the pretrained classifier under
# /usr/share/fabkit/models. Depends comes from dpkg-shlibdeps (the exact
# runtime libraries the binaries link: Qt 6, SQLite, libtorch, OpenSSL…) plus
# the Qt plugins loaded at run time.
include(GNUInstallDirs)

install(TARGETS fabkit-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET fabkit-cli-models)
  # Runs the model and report commands for fabkit-cli (app/cli/model_runtime.h), found at ../lib/fabkit.
  install(TARGETS fabkit-cli-models RUNTIME DESTINATION lib/fabkit)
endif()
if(TARGET fabkit)
  install(TARGETS fabkit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/desktop/fabkit.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/desktop/fabkit-mime.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME fabkit.xml)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/fabkit.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fabkit)
set(CPACK_PACKAGE_VENDOR "fabkit")
set(CPACK_PACKAGE_CONTACT "fabkit maintainers <fabkit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Statistical process control and yield analytics over your own lot, wafer and die data: control charts and \
capability, wafer maps and defect clustering, yield models and known-good-die math, gauge studies, kaizen \
tracking and printable reports. fabkit-cli does the same headless.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # fabkit_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
if(TARGET fabkit)
  # Loaded by Qt at run time, so dpkg-shlibdeps cannot see them.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core, shared-mime-info, desktop-file-utils")
endif()
include(CPack)

# find_package wrappers that stop configuration with the exact command that
# installs what is missing, instead of CMake's generic "could not find".

set(_storeloom_qt_debian_package_Core qt6-base-dev)
set(_storeloom_qt_debian_package_Gui qt6-base-dev)
set(_storeloom_qt_debian_package_Widgets qt6-base-dev)
set(_storeloom_qt_debian_package_Network qt6-base-dev)
set(_storeloom_qt_debian_package_Sql qt6-base-dev)
set(_storeloom_qt_debian_package_Test qt6-base-dev)
set(_storeloom_qt_debian_package_Concurrent qt6-base-dev)
set(_storeloom_qt_debian_package_NetworkAuth qt6-networkauth-dev)
set(_storeloom_qt_debian_package_HttpServer "qt6-httpserver-dev qt6-websockets-dev")
set(_storeloom_qt_debian_package_LinguistTools qt6-l10n-tools)

function(storeloom_require_package name debian_packages)
  find_package(${name} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR
      "${name} was not found. Install it with:\n"
      "  sudo apt-get install ${debian_packages}\n"
      "or run scripts/install-deps.sh, which installs everything Storeloom needs.")
  endif()
endfunction()

function(storeloom_require_qt)
  find_package(Qt6 6.4 QUIET COMPONENTS ${ARGN})
  set(missing "")
  foreach(component IN LISTS ARGN)
    if(NOT Qt6${component}_FOUND)
      list(APPEND missing ${_storeloom_qt_debian_package_${component}})
    endif()
  endforeach()
  if(missing OR NOT Qt6_FOUND)
    if(NOT missing)
      set(missing qt6-base-dev)
    endif()
    list(REMOVE_DUPLICATES missing)
    list(JOIN missing " " missing_text)
    message(FATAL_ERROR
      "Qt 6.4 or newer with ${ARGN} was not found. Install it with:\n"
      "  sudo apt-get install ${missing_text}\n"
      "or run scripts/install-deps.sh, which installs everything Storeloom needs.")
  endif()
endfunction()

# install() + install(EXPORT): consumers write find_package(Snowball) or use pkg-config.
include(CMakePackageConfigHelpers)

set(SNOWBALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Snowball)

install(TARGETS snowball snowball_c
  EXPORT SnowballTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The snowball command, beside the libraries (it links the C++ core statically).
if(TARGET snowball_cli)
  install(TARGETS snowball_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/capi/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${SNOWBALL_GENERATED_INCLUDE}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT SnowballTargets NAMESPACE Snowball:: DESTINATION ${SNOWBALL_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/SnowballConfig.cmake.in
  ${PROJECT_BINARY_DIR}/SnowballConfig.cmake
  INSTALL_DESTINATION ${SNOWBALL_CMAKE_DIR})
# Before 1.0 a new minor version may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/SnowballConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
# The config finds libsodium with our find module, beside it in the build tree and when installed.
configure_file(${PROJECT_SOURCE_DIR}/cmake/FindSodium.cmake ${PROJECT_BINARY_DIR}/FindSodium.cmake COPYONLY)
install(FILES ${PROJECT_BINARY_DIR}/SnowballConfig.cmake ${PROJECT_BINARY_DIR}/SnowballConfigVersion.cmake
  ${PROJECT_BINARY_DIR}/FindSodium.cmake
  DESTINATION ${SNOWBALL_CMAKE_DIR})

# The .pc file finds the prefix relative to itself, so an installed tree can move.
file(RELATIVE_PATH SNOWBALL_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
# snowball.pc: the C API (libsnowball_c.so); snowball-cpp.pc: the C++ API (the static library).
foreach(pc snowball snowball-cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

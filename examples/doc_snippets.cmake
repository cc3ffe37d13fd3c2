# snowball_doc_snippet(<target> <document> <language> <nth block> [WRAP])
# Builds the nth ```<language> block of a Markdown document as a program. A whole program is built
# as written; with WRAP the block is a tour's body: it is put into main() after the headers it
# needs, and the tour's one placeholder for the host's own code (my_sms_gateway, the sales system's
# SMS gateway) is given a stand-in that prints; a wrapped tour ends by printing "office.db", the
# archive it worked on, so the test knows it got to its end.
function(snowball_doc_snippet target document language nth)
  cmake_parse_arguments(PARSE_ARGV 4 arg "WRAP" "" "")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${document})
  file(READ ${document} text)
  # The nth block that opens with ```<language> and ends at the next ```.
  set(rest "${text}")
  set(body "")
  foreach(i RANGE 1 ${nth})
    string(FIND "${rest}" "```${language}\n" at)
    if(at EQUAL -1)
      set(body "")
      break()
    endif()
    string(LENGTH "```${language}\n" fence)
    math(EXPR at "${at} + ${fence}")
    string(SUBSTRING "${rest}" ${at} -1 rest)
    string(FIND "${rest}" "```" close)
    string(SUBSTRING "${rest}" 0 ${close} body)
  endforeach()
  if(body STREQUAL "")
    message(FATAL_ERROR "${document} has no ${nth}. ```${language} block")
  endif()
  if(language STREQUAL "cpp")
    set(source ${CMAKE_CURRENT_BINARY_DIR}/${target}.cpp)
  else()
    set(source ${CMAKE_CURRENT_BINARY_DIR}/${target}.c)
  endif()
  if(arg_WRAP AND language STREQUAL "cpp")
    set(code "#include <snowball/snowball.hpp>\n#include <iostream>\n#include <string>\n"
             "static std::string my_sms_gateway(const std::string& to, const std::string& text) {\n"
             "    std::cout << \"sms to \" << to << \": \" << text << \"\\n\";\n    return \"sms-\" + to;\n}\n"
             "int main() {\n    try {\n${body}\n    } catch (const std::exception& e) {\n"
             "        std::cerr << e.what() << \"\\n\";\n        return 1;\n    }\n"
             "    std::cout << \"office.db\\n\";\n    return 0;\n}\n")
  elseif(arg_WRAP)
    set(code "#include <snowball.h>\n#include <stdio.h>\nint main(void) {\n${body}\n"
             "    printf(\"office.db\\n\");\n    return 0;\n}\n")
  else()
    set(code "${body}")
  endif()
  file(CONFIGURE OUTPUT ${source} CONTENT "${code}" @ONLY)
  add_executable(${target} ${source})
endfunction()

# The shipped knowledge base is what build_knowledge.py makes of the device descriptions (so
# adding a model is adding a YAML and rerunning the script), and the script names a YAML it
# cannot read by file and line. Run as: cmake -DSOURCE_DIR=... -DDEVICES_DIR=... -DPYTHON=...
#   -DWORK_DIR=... -P CheckKnowledgeResource.cmake
set(script "${SOURCE_DIR}/resources/knowledge/build_knowledge.py")
set(shipped "${SOURCE_DIR}/resources/knowledge/tuya-local-devices.json")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/broken")

execute_process(COMMAND "${PYTHON}" "${script}" "${DEVICES_DIR}" -o "${WORK_DIR}/rebuilt.json"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "build_knowledge.py failed (${status}): ${out}${err}")
endif()
message(STATUS "${out}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/rebuilt.json" "${shipped}" RESULT_VARIABLE differs)
if(NOT differs EQUAL 0)
    message(FATAL_ERROR "resources/knowledge/tuya-local-devices.json is not what build_knowledge.py makes of ${DEVICES_DIR}: rerun the script")
endif()

file(WRITE "${WORK_DIR}/broken/bad.yaml" "name: Broken\nentities:\n  - entity: switch\n    dps: [\n")
configure_file("${DEVICES_DIR}/smartplugv1.yaml" "${WORK_DIR}/broken/smartplugv1.yaml" COPYONLY)
execute_process(COMMAND "${PYTHON}" "${script}" "${WORK_DIR}/broken" -o "${WORK_DIR}/broken.json"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
    message(FATAL_ERROR "build_knowledge.py accepted an unreadable YAML")
endif()
if(NOT err MATCHES "bad\\.yaml:[0-9]+: ")
    message(FATAL_ERROR "build_knowledge.py did not name the file and line: ${err}")
endif()
if(NOT out MATCHES "^1 models")
    message(FATAL_ERROR "build_knowledge.py dropped the readable YAML: ${out}")
endif()
message(STATUS "unreadable YAML reported as: ${err}")

// The heavy parts of reading a regulation file, gathered so they load on demand.
export {parseYamlWith} from '../core/content/yaml-source.js'
export {checkRegulation} from '../core/regulations/check.js'
export {regulationSchema} from '../core/regulations/schema.js'

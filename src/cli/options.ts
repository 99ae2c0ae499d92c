// The value lists flags offer (--format, --kind ...), gathered for the commands' static flag definitions.
export {DATA_CATEGORIES, ENTITY_TYPES} from '../core/facts/vocabulary.js'
export {NOTICE_KINDS} from '../core/notices/template-model.js'
export {ROLES} from '../core/playbook/model.js'
export {EMAIL_FORMATS} from '../merge/run.js'
export {OUTPUT_FORMATS} from '../render/notice.js'
export {REPORT_FORMATS} from '../render/report.js'
export {TIMELINE_FORMATS} from '../render/timeline.js'
export {PARTICIPANT_ROLES} from '../core/drills/schema.js'

import { defineComponent, h } from 'vue'
import { useAppText } from './useAppText'

// A placeholder's stand-in while the message is formatted: no message contains the NUL character.
const MARK = '\u0000'

/**
 * The message `keypath` with components in its placeholders: `{time}` is the `#time` slot
 * ("Updated <RelativeTime/>"), wherever the language puts it.
 */
export const AppTextSlots = defineComponent({
  name: 'AppTextSlots',
  props: {
    keypath: { type: String, required: true },
    tag: { type: String, default: 'span' },
  },
  setup(props, { slots }) {
    const { t } = useAppText()
    return () => {
      const marks = Object.fromEntries(Object.keys(slots).map(name => [name, `${MARK}${name}${MARK}`]))
      // split with a capture group: even entries are text, odd ones a slot's name.
      const parts = t(props.keypath, marks).split(new RegExp(`${MARK}(\\w+)${MARK}`))
      return h(props.tag, parts.map((part, index) => index % 2 ? slots[part]?.() : part))
    }
  },
})

import { pinyin } from 'pinyin-pro';
import type { SeededRandom } from './seeded-random';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈任姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然欣怡子涵梓萱一诺雨彤晨阳思远佳琪俊凯婷雪';

/** Chinese names, and WeCom userids made from their pinyin as corps usually do. */
export class PeopleNames {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  name(): string {
    const given = this.rng.chance(0.6) ? this.rng.chars(GIVEN, 2) : this.rng.chars(GIVEN, 1);
    return this.rng.pick([...SURNAMES]) + given;
  }

  /** 张伟 → zhangwei, then zhangwei2 for the next 张伟. */
  userid(name: string): string {
    const base = pinyin(name, { toneType: 'none', type: 'array' }).join('').replace(/[^a-z]/g, '');
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}${n}`;
    this.used.add(id);
    return id;
  }

  /** 王丽 → 王女士, as salespeople address customers. */
  static honorific(name: string, female: boolean): string {
    return `${name[0]}${female ? '女士' : '先生'}`;
  }
}
